import { uploadWithProgress, type UploadOptions, type UploadResult } from "../../api/transfer";

export const IMPORT_URL = "/api/v1/archive/import";

export interface ImportUploadOptions extends Omit<UploadOptions, "url" | "fields"> {
  createAgencies: boolean;
  url?: string;
}

/** POST /api/v1/archive/import; `createAgencies` goes before the file, which the server imports on reaching it. */
export function uploadImport({ createAgencies, url, ...rest }: ImportUploadOptions): Promise<UploadResult> {
  return uploadWithProgress({
    ...rest,
    url: url ?? IMPORT_URL,
    fields: [["createAgencies", createAgencies ? "true" : "false"]],
  });
}
