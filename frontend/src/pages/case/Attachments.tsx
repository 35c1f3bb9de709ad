import { useId, useRef, useState, type ChangeEvent } from "react";
import { isProblem } from "../../api/problem";
import { downloadAttachment, uploadWithProgress } from "../../api/transfer";
import type { Attachment, Case } from "../../api/types";
import { useApi, useServices } from "../../app/context";
import { CheckboxField, StatusMessage } from "../../components/forms";
import { useI18n } from "../../i18n/I18nProvider";
import { acceptLanguageOf } from "../../i18n/translate";
import type { MessageKey } from "../../i18n/messages";
import type { Autosave } from "../../lib/autosave";
import type { CaseForm } from "../../lib/caseForm";
import { etagRevision } from "../../lib/autosave";
import { formatBytes, typeName } from "./format";
import { TableWrap } from "../../components/TableWrap";

const MAX_FILE_BYTES = 20 * 1024 * 1024;
const ACCEPT = ".pdf,.hwp,.hwpx,.png,.jpg,.jpeg,.gif,.webp,.xlsx,.csv";

/** Attachments as a table; with `onDelete` each row gets a delete button. */
export function AttachmentTable({
  caseId,
  attachments,
  onDelete,
  busy = false,
}: {
  caseId: string | null;
  attachments: Attachment[];
  onDelete?: (attachment: Attachment) => void;
  busy?: boolean;
}) {
  const { t, language } = useI18n();
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  if (attachments.length === 0) return <p className="muted">{t("attachments.empty")}</p>;
  const download = async (a: Attachment) => {
    setError(null);
    try {
      if (!caseId || !(await downloadAttachment(api, caseId, a.id, a.filename))) setError(t("attachments.error.download"));
    } catch {
      setError(t("attachments.error.download"));
    }
  };
  return (
    <>
      {error ? (
        <p className="form-hint-invalid" role="alert">
          {error}
        </p>
      ) : null}
      <TableWrap label={t("attachments.caption")}>
        <table className="tbl col data compact-table">
          <caption className="sr-only">{t("attachments.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("attachments.col.name")}</th>
              <th scope="col">{t("attachments.col.type")}</th>
              <th scope="col">{t("attachments.col.size")}</th>
              <th scope="col">{t("attachments.col.public")}</th>
              {caseId || onDelete ? <th scope="col">{t("attachments.col.actions")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {attachments.map((a) => (
              <tr key={a.id}>
                <th scope="row" className="filename">
                  {a.filename}
                </th>
                <td>{typeName(a.contentType)}</td>
                <td className="num">{formatBytes(a.sizeBytes, language)}</td>
                <td>{a.public ? t("attachments.publicYes") : t("attachments.publicNo")}</td>
                {caseId || onDelete ? (
                  <td>
                    <div className="row-actions">
                      {caseId ? (
                        <button type="button" className="krds-btn text small link-button"
                          aria-label={t("attachments.downloadLabel", { name: a.filename })} onClick={() => download(a)}>
                          {t("attachments.download")}
                        </button>
                      ) : null}
                      {onDelete ? (
                        <button type="button" className="krds-btn tertiary small" disabled={busy}
                          aria-label={t("attachments.deleteLabel", { name: a.filename })} onClick={() => onDelete(a)}>
                          {t("attachments.delete")}
                        </button>
                      ) : null}
                    </div>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}

interface Upload {
  id: string;
  name: string;
  percent: number;
  state: "waiting" | "uploading" | "done" | "error";
  error?: string;
}

/** The message for a refused upload, by status and problem code. */
export function uploadErrorKey(status: number, body: unknown): MessageKey | null {
  const code = isProblem(body) ? body.code : undefined;
  if (status === 415 || code === "file_type_not_allowed") return "attachments.error.type";
  if (status === 413 || code === "body_too_large") return "attachments.error.tooLarge";
  if (code === "attachment_limit_reached") return "attachments.error.limit";
  if (code === "submission_closed") return "attachments.error.closed";
  if (isProblem(body) && body.errors?.some((e) => e.code === "empty_file")) return "attachments.error.empty";
  return null;
}

interface PanelProps {
  caseId: string;
  attachments: Attachment[];
  autosave: Autosave<CaseForm, Case>;
  /** The case as the server has it after an attachment change. */
  onCase: (value: Case) => void;
  /** The deadline passed (409 submission_closed). */
  onClosed: (problem: unknown) => void;
  disabled: boolean;
}

/**
 * Upload (with progress), list, download and delete. Uploads and deletes move the case's
 * revision on, so they run between autosaves and the ETag is picked up again afterwards:
 * when the revision moved by exactly our change, editing goes on; when it moved more,
 * someone else saved too and the editor shows the conflict.
 */
export function AttachmentsPanel({ caseId, attachments, autosave, onCase, onClosed, disabled }: PanelProps) {
  const { t, language } = useI18n();
  const api = useApi();
  const { session } = useServices();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [isPublic, setIsPublic] = useState(false);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const patch = (id: string, change: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.id === id ? { ...u, ...change } : u)));

  /** Re-reads the case after our own change; see the component comment. */
  const resync = async (baseEtag: string): Promise<string | null> => {
    const { data, response } = await api.GET("/api/v1/cases/{caseId}", { params: { path: { caseId } } });
    if (!data) return null;
    const etag = response.headers.get("ETag") ?? `"${data.revision}"`;
    const base = etagRevision(baseEtag);
    if (base !== null && data.revision !== base + 1) {
      autosave.conflict(data, etag);
      return null;
    }
    onCase(data);
    return etag;
  };

  const uploadOne = async (file: File, id: string) => {
    if (file.size > MAX_FILE_BYTES) {
      patch(id, { state: "error", error: t("attachments.error.tooLarge") });
      return;
    }
    await autosave.exclusive(async (etag) => {
      if (autosave.stopped) {
        patch(id, { state: "error", error: t("common.errorUnknown") });
        return { result: undefined };
      }
      patch(id, { state: "uploading", percent: 0 });
      try {
        const result = await uploadWithProgress({
          url: new URL(`/api/v1/cases/${encodeURIComponent(caseId)}/attachments`, window.location.origin).toString(),
          file,
          fields: [["public", isPublic ? "true" : "false"]],
          getAccessToken: session.getAccessToken,
          refresh: () => session.refresh(),
          acceptLanguage: acceptLanguageOf(language),
          onProgress: (percent) => patch(id, { percent }),
        });
        if (result.status === 201) {
          patch(id, { state: "done", percent: 100 });
          setMessage(t("attachments.uploaded", { name: file.name }));
          return { result: undefined, etag: await resync(etag) };
        }
        const key = uploadErrorKey(result.status, result.body);
        if (key === "attachments.error.closed") onClosed(result.body);
        const detail = isProblem(result.body) ? (result.body.detail ?? result.body.title) : null;
        patch(id, { state: "error", error: key ? t(key) : (detail ?? t("common.errorUnknown")) });
      } catch {
        patch(id, { state: "error", error: t("common.errorNetwork") });
      }
      return { result: undefined };
    });
  };

  const choose = (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    event.target.value = "";
    setMessage(null);
    const entries = files.map((file, i) => ({
      file,
      upload: { id: `${Date.now()}-${i}-${file.name}`, name: file.name, percent: 0, state: "waiting" as const },
    }));
    setUploads((list) => [...list.filter((u) => u.state === "uploading" || u.state === "waiting"), ...entries.map((e) => e.upload)]);
    for (const entry of entries) void uploadOne(entry.file, entry.upload.id);
  };

  const remove = async (attachment: Attachment) => {
    setDeleting(true);
    setMessage(null);
    try {
      await autosave.exclusive(async (etag) => {
        const { error, response } = await api.DELETE("/api/v1/cases/{caseId}/attachments/{attachmentId}", {
          params: { path: { caseId, attachmentId: attachment.id } },
        });
        if (response.ok) {
          setMessage(t("attachments.deleted", { name: attachment.filename }));
          return { result: undefined, etag: await resync(etag) };
        }
        const key = uploadErrorKey(response.status, error);
        if (key === "attachments.error.closed") onClosed(error);
        setMessage(key ? t(key) : t("common.errorUnknown"));
        return { result: undefined };
      });
    } catch {
      setMessage(t("common.errorNetwork"));
    } finally {
      setDeleting(false);
    }
  };

  return (
    <div className="attachments">
      <p className="form-hint">{t("attachments.hint")}</p>
      {!disabled ? (
        <div className="upload-row">
          <div className="form-group">
            <div className="form-tit">
              <label htmlFor={inputId}>{t("attachments.choose")}</label>
            </div>
            <div className="form-conts">
              <input ref={inputRef} id={inputId} type="file" className="file-input" multiple accept={ACCEPT} onChange={choose} />
            </div>
          </div>
          <CheckboxField id={`${inputId}-public`} label={t("attachments.public")} checked={isPublic} onChecked={setIsPublic} />
        </div>
      ) : null}
      {uploads.length > 0 ? (
        <ul className="upload-list" aria-label={t("caseField.attachments")}>
          {uploads.map((u) => (
            <li key={u.id} className={`upload-item upload-${u.state}`}>
              <span className="upload-name">{u.name}</span>
              {u.state === "error" ? (
                <span className="form-hint-invalid" role="alert">
                  {u.error}
                </span>
              ) : (
                <>
                  <progress max={100} value={u.percent} aria-label={t("attachments.progressLabel", { name: u.name })}>
                    {u.percent}%
                  </progress>
                  <span className="upload-percent">
                    {u.state === "done" ? t("attachments.done") : u.state === "waiting" ? t("attachments.waiting") : `${u.percent}%`}
                  </span>
                </>
              )}
              {u.state === "done" || u.state === "error" ? (
                <button type="button" className="krds-btn text small" aria-label={`${t("attachments.dismiss")}: ${u.name}`}
                  onClick={() => setUploads((list) => list.filter((x) => x.id !== u.id))}>
                  ×
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <StatusMessage>{message}</StatusMessage>
      <AttachmentTable caseId={caseId} attachments={attachments} onDelete={disabled ? undefined : remove} busy={deleting} />
    </div>
  );
}
