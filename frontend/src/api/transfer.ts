/**
 * File transfers the typed client does not cover: uploads with progress (XMLHttpRequest,
 * since fetch cannot report upload progress) and downloads that need the bearer token.
 */
import type { ApiClient } from "./client";

export interface UploadResult {
  status: number;
  body: unknown;
}

export interface UploadOptions {
  url: string;
  file: File;
  /**
   * Form fields sent before the file, in order: the server reads the parts as they come and
   * acts on reaching the file, so anything that shapes that action must precede it.
   */
  fields: [name: string, value: string][];
  /** The in-memory access token. */
  getAccessToken: () => string | null;
  /** Refreshes the session once on 401 (single-flight in SessionManager). */
  refresh: () => Promise<string | null>;
  acceptLanguage: string;
  /** 0–100 while the body is sent. */
  onProgress?: (percent: number) => void;
  /** Called once the whole body is sent (the server may still take a while to answer). */
  onSent?: () => void;
  /** Replaceable for tests. */
  createRequest?: () => XMLHttpRequest;
}

function sendOnce(options: UploadOptions, token: string | null): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = (options.createRequest ?? (() => new XMLHttpRequest()))();
    xhr.open("POST", options.url);
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
    for (const [name, value] of options.fields) form.append(name, value);
    form.append("file", options.file, options.file.name);
    xhr.send(form);
  });
}

/**
 * POSTs a multipart upload (the fields, then `file`) with progress (XMLHttpRequest: fetch
 * cannot report upload progress); refreshes the session and retries once on 401.
 */
export async function uploadWithProgress(options: UploadOptions): Promise<UploadResult> {
  const first = await sendOnce(options, options.getAccessToken());
  if (first.status !== 401) return first;
  const token = await options.refresh();
  if (!token) return first;
  options.onProgress?.(0);
  return sendOnce(options, token);
}

/** The file name from a Content-Disposition header (RFC 6266 filename* first). */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header);
  return plain?.[1]?.trim() || fallback;
}

/**
 * Downloads an attachment through the API client (bearer token, refresh on 401) and hands
 * the blob to the browser as a file. Resolves false when the server refused.
 */
export async function downloadAttachment(
  api: ApiClient,
  caseId: string,
  attachmentId: string,
  fallbackName: string,
): Promise<boolean> {
  const { data, response } = await api.GET("/api/v1/cases/{caseId}/attachments/{attachmentId}", {
    params: { path: { caseId, attachmentId } },
    parseAs: "blob",
  });
  if (!response.ok || !(data instanceof Blob)) return false;
  const name = filenameFromDisposition(response.headers.get("Content-Disposition"), fallbackName);
  const url = URL.createObjectURL(data);
  try {
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.rel = "noopener";
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return true;
}
