/**
 * POST /api/v1/archive/import as multipart with upload progress (XMLHttpRequest: fetch
 * cannot report it). `createAgencies` goes before `file` because the server reads the parts
 * in order and imports on reaching the file.
 */
export interface ImportUploadOptions {
  file: File;
  createAgencies: boolean;
  getAccessToken: () => string | null;
  /** Refreshes the session once on 401. */
  refresh: () => Promise<string | null>;
  acceptLanguage: string;
  /** 0–100 while the body is sent. */
  onProgress?: (percent: number) => void;
  /** Called once the whole file is sent (the server then checks the rows). */
  onSent?: () => void;
  url?: string;
  /** Replaceable for tests. */
  createRequest?: () => XMLHttpRequest;
}

export interface ImportUploadResult {
  status: number;
  body: unknown;
}

export const IMPORT_URL = "/api/v1/archive/import";

function sendOnce(options: ImportUploadOptions, token: string | null): Promise<ImportUploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = (options.createRequest ?? (() => new XMLHttpRequest()))();
    xhr.open("POST", options.url ?? IMPORT_URL);
    xhr.responseType = "text";
    xhr.setRequestHeader("Accept", "application/json, application/problem+json");
    xhr.setRequestHeader("Accept-Language", options.acceptLanguage);
    if (token) xhr.setRequestHeader("Authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) {
        options.onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
      }
    };
    xhr.upload.onload = () => {
      options.onProgress?.(100);
      options.onSent?.();
    };
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = xhr.responseText;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network error"));
    xhr.onabort = () => reject(new Error("aborted"));
    const form = new FormData();
    form.append("createAgencies", options.createAgencies ? "true" : "false");
    form.append("file", options.file, options.file.name);
    xhr.send(form);
  });
}

export async function uploadImport(options: ImportUploadOptions): Promise<ImportUploadResult> {
  const first = await sendOnce(options, options.getAccessToken());
  if (first.status !== 401) return first;
  const token = await options.refresh();
  if (!token) return first;
  options.onProgress?.(0);
  return sendOnce(options, token);
}
