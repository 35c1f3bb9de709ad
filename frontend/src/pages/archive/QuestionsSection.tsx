import { useCallback, useEffect, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { isProblem, problemToFormErrors, type FormErrors } from "../../api/problem";
import { useApi, useSession } from "../../app/context";
import { Dialog } from "../../components/Dialog";
import { ErrorSummary, StatusMessage, TextAreaField, useFormErrors } from "../../components/forms";
import { LoadError, Loading } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import type { Translate } from "../../i18n/translate";
import { formatSeoulDate } from "../../lib/seoul";
import type { ArchiveCase, ArchiveQuestion } from "./types";

export const QUESTION_MIN = 5;
export const QUESTION_MAX = 1000;
export const ANSWER_MAX = 2000;
export const REASON_MAX = 500;

type Fields = "text";
type Hide = { question: ArchiveQuestion; target: "question" | "answer" };

/** The message for a refused request: the server's own words when it sent a problem. */
function failure(body: unknown, status: number | null, t: Translate): string {
  if (status === null) return t("common.errorNetwork");
  if (status === 403) return t("common.forbidden");
  if (status === 404) return t("archive.qna.error.gone");
  if (isProblem(body)) return body.detail ?? body.title ?? t("common.errorUnknown");
  return t("common.errorUnknown");
}

/** Checks a post's length as the server does (trimmed, in characters). */
function lengthError(text: string, min: number, max: number, t: Translate): string | null {
  const n = [...text.trim()].length;
  if (n === 0) return t("archive.qna.error.required");
  if (n < min) return t("archive.qna.error.min", { min });
  if (n > max) return t("archive.qna.error.max", { max: max.toLocaleString("en-US") });
  return null;
}

/**
 * 질문과 답변: signed-in users ask the team that wrote the case; the team answers; the
 * organizers of the case's agency (and admins) hide abusive posts, which they alone still see.
 */
export function QuestionsSection({ entry }: { entry: ArchiveCase }) {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const userId = session.status === "authenticated" ? session.user.id : null;
  const load = useCallback(
    () => api.GET("/api/v1/archive/cases/{entryId}/questions", { params: { path: { entryId: entry.id } } }),
    // userId is not read here, but what the list holds and allows changes with who is signed in.
    [api, entry.id, userId],
  );
  const list = useLoad(load);
  const [message, setMessage] = useState<string | null>(null);
  const [hiding, setHiding] = useState<Hide | null>(null);

  const changed = (text: string) => {
    setMessage(text);
    list.reload();
  };

  return (
    <section aria-labelledby="archive-qna" className="archive-qna">
      <h2 id="archive-qna" className="section-title">
        {t("archive.qna.title")}
      </h2>
      <p className="muted">{t("archive.qna.lead")}</p>
      {session.status === "anonymous" ? (
        <p className="panel panel-accent">
          {t("archive.qna.signIn")}{" "}
          <Link to={`/login?next=${encodeURIComponent(`/archive/${entry.id}`)}`}>{t("common.goLogin")}</Link>
        </p>
      ) : null}
      {session.status === "authenticated" ? <AskForm entryId={entry.id} onAsked={() => changed(t("archive.qna.asked"))} /> : null}
      <StatusMessage>{message}</StatusMessage>

      {list.status === "loading" ? <Loading /> : null}
      {list.status === "error" ? <LoadError error={list.error} httpStatus={list.httpStatus} onRetry={list.reload} /> : null}
      {list.status === "ok" ? (
        list.data.items.length === 0 ? (
          <p className="empty">{t("archive.qna.empty")}</p>
        ) : (
          <ol className="qna-list" aria-label={t("archive.qna.listLabel")}>
            {list.data.items.map((q) => (
              <QuestionItem key={q.id} question={q} canAnswer={list.data.canAnswer} canModerate={list.data.canModerate}
                onAnswered={(edit) => changed(edit ? t("archive.qna.answerSaved") : t("archive.qna.answered"))}
                onHide={(target) => { setMessage(null); setHiding({ question: q, target }); }} />
            ))}
          </ol>
        )
      ) : null}

      <HideDialog hide={hiding} onClose={() => setHiding(null)}
        onHidden={(target) => {
          setHiding(null);
          changed(target === "question" ? t("archive.qna.questionHidden") : t("archive.qna.answerHidden"));
        }} />
    </section>
  );
}

function AskForm({ entryId, onAsked }: { entryId: string; onAsked: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<Fields>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = lengthError(text, QUESTION_MIN, QUESTION_MAX, t);
    if (invalid) {
      report({ summary: t("common.errorSummary"), fields: { text: invalid }, other: [] });
      return;
    }
    setBusy(true);
    try {
      const { data, error, response } = await api.POST("/api/v1/archive/cases/{entryId}/questions", {
        params: { path: { entryId } },
        body: { text: text.trim() },
      });
      if (data) {
        clear();
        setText("");
        onAsked();
        return;
      }
      report(formErrors(error, response.status, t));
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="stack-form qna-ask">
      <ErrorSummary errors={errors} summaryRef={summaryRef} />
      <TextAreaField id="qna-question" label={t("archive.qna.question")} required rows={3} maxLength={QUESTION_MAX}
        hint={t("archive.qna.questionHint")} value={text} onValue={setText} error={errors.fields.text} />
      <p className="button-row">
        <button type="submit" className="krds-btn primary medium" disabled={busy}>
          {busy ? t("common.saving") : t("archive.qna.ask")}
        </button>
      </p>
    </form>
  );
}

function formErrors(body: unknown, status: number, t: Translate): FormErrors<Fields> {
  if (status === 400) return problemToFormErrors<Fields>(body, ["text"], t("common.errorSummary"));
  return { summary: failure(body, status, t), fields: {}, other: [] };
}

function QuestionItem({
  question: q,
  canAnswer,
  canModerate,
  onAnswered,
  onHide,
}: {
  question: ArchiveQuestion;
  canAnswer: boolean;
  canModerate: boolean;
  onAnswered: (edit: boolean) => void;
  onHide: (target: "question" | "answer") => void;
}) {
  const { t, language } = useI18n();
  const [answering, setAnswering] = useState(false);
  const a = q.answer;
  const headingId = `qna-${q.id}`;
  const answerable = canAnswer && !q.hidden && !a?.hidden;
  return (
    <li className={`qna-item${q.hidden ? " is-hidden" : ""}`}>
      <article aria-labelledby={headingId}>
        <p className="qna-meta" id={headingId}>
          <span className="qna-asker">{t("archive.qna.askedBy", { agency: q.askerAgency.name, name: q.askerName })}</span>{" "}
          <time dateTime={q.askedAt}>{formatSeoulDate(q.askedAt, language)}</time>
          {q.hidden ? <> <span className="status-badge qna-hidden-badge">{t("archive.qna.hiddenBadge")}</span></> : null}
        </p>
        {q.hidden ? <HiddenNote moderation={q.hidden} /> : null}
        <p className="prose qna-text">{q.text}</p>

        {a ? (
          <div className={`qna-answer${a.hidden ? " is-hidden" : ""}`}>
            <p className="qna-meta">
              <strong>{t("archive.qna.answerBy", { by: a.answeredAs })}</strong>{" "}
              <time dateTime={a.updatedAt}>{formatSeoulDate(a.updatedAt, language)}</time>
              {a.updatedAt !== a.answeredAt ? <span className="muted"> {t("archive.qna.edited")}</span> : null}
              {a.hidden ? <> <span className="status-badge qna-hidden-badge">{t("archive.qna.hiddenBadge")}</span></> : null}
            </p>
            {a.hidden ? <HiddenNote moderation={a.hidden} /> : null}
            <p className="prose">{a.text}</p>
          </div>
        ) : (
          <p className="muted qna-waiting">{t("archive.qna.noAnswer")}</p>
        )}

        {answering ? (
          <AnswerForm question={q} onCancel={() => setAnswering(false)}
            onSaved={() => { setAnswering(false); onAnswered(Boolean(a)); }} />
        ) : null}
        {(answerable && !answering) || canModerate ? (
          <p className="button-row qna-actions">
            {answerable && !answering ? (
              <button type="button" className="krds-btn secondary small" onClick={() => setAnswering(true)}>
                {a ? t("archive.qna.editAnswer") : t("archive.qna.answer")}
              </button>
            ) : null}
            {canModerate && !q.hidden ? (
              <button type="button" className="krds-btn tertiary small" onClick={() => onHide("question")}>
                {t("archive.qna.hideQuestion")}
              </button>
            ) : null}
            {canModerate && a && !a.hidden ? (
              <button type="button" className="krds-btn tertiary small" onClick={() => onHide("answer")}>
                {t("archive.qna.hideAnswer")}
              </button>
            ) : null}
          </p>
        ) : null}
      </article>
    </li>
  );
}

function HiddenNote({ moderation }: { moderation: NonNullable<ArchiveQuestion["hidden"]> }) {
  const { t, language } = useI18n();
  return (
    <p className="qna-hidden-note">
      {t("archive.qna.hiddenNote", {
        reason: moderation.reason,
        by: moderation.hiddenBy,
        date: formatSeoulDate(moderation.hiddenAt, language),
      })}
    </p>
  );
}

function AnswerForm({ question, onCancel, onSaved }: { question: ArchiveQuestion; onCancel: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [text, setText] = useState(question.answer?.text ?? "");
  const [busy, setBusy] = useState(false);
  const { errors, report, formRef, summaryRef } = useFormErrors<Fields>();
  const id = `qna-answer-${question.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = lengthError(text, 1, ANSWER_MAX, t);
    if (invalid) {
      report({ summary: t("common.errorSummary"), fields: { text: invalid }, other: [] });
      return;
    }
    setBusy(true);
    try {
      const { data, error, response } = await api.PUT("/api/v1/archive/questions/{questionId}/answer", {
        params: { path: { questionId: question.id } },
        body: { text: text.trim() },
      });
      if (data) onSaved();
      else report(formErrors(error, response.status, t));
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="stack-form qna-answer-form">
      <ErrorSummary errors={errors} summaryRef={summaryRef} />
      <TextAreaField id={id} label={t("archive.qna.answerLabel")} required rows={4} maxLength={ANSWER_MAX}
        hint={t("archive.qna.answerHint")} value={text} onValue={setText} error={errors.fields.text} />
      <p className="button-row">
        <button type="submit" className="krds-btn primary small" disabled={busy}>
          {busy ? t("common.saving") : t("archive.qna.saveAnswer")}
        </button>
        <button type="button" className="krds-btn secondary small" disabled={busy} onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </p>
    </form>
  );
}

function HideDialog({ hide, onClose, onHidden }: { hide: Hide | null; onClose: () => void; onHidden: (target: Hide["target"]) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ field: string | null; summary: string | null }>({ field: null, summary: null });
  const open = hide !== null;

  // The dialog focuses its first button; the reason comes first.
  useEffect(() => {
    if (open) requestAnimationFrame(() => document.getElementById("qna-hide-reason")?.focus());
  }, [open]);

  const close = () => {
    setReason("");
    setError({ field: null, summary: null });
    onClose();
  };

  const submit = async () => {
    if (!hide) return;
    const invalid = lengthError(reason, 1, REASON_MAX, t);
    if (invalid) {
      setError({ field: invalid, summary: null });
      document.getElementById("qna-hide-reason")?.focus();
      return;
    }
    setBusy(true);
    setError({ field: null, summary: null });
    try {
      const params = { path: { questionId: hide.question.id } };
      const body = { reason: reason.trim() };
      const { data, error: problem, response } =
        hide.target === "question"
          ? await api.POST("/api/v1/archive/questions/{questionId}/hide", { params, body })
          : await api.POST("/api/v1/archive/questions/{questionId}/answer/hide", { params, body });
      if (data) {
        setReason("");
        onHidden(hide.target);
        return;
      }
      const fields = response.status === 400 ? problemToFormErrors<"reason">(problem, ["reason"], t("common.errorSummary")) : null;
      setError({ field: fields?.fields.reason ?? null, summary: failure(problem, response.status, t) });
    } catch {
      setError({ field: null, summary: t("common.errorNetwork") });
    } finally {
      setBusy(false);
    }
  };

  const title = hide?.target === "answer" ? t("archive.qna.hideAnswerTitle") : t("archive.qna.hideQuestionTitle");
  return (
    <Dialog open={open} busy={busy} title={title} onClose={close}
      actions={
        <>
          <button type="button" className="krds-btn primary medium" disabled={busy} onClick={submit}>
            {t("archive.qna.hideConfirm")}
          </button>
          <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={close}>
            {t("common.cancel")}
          </button>
        </>
      }>
      <p className="qna-hide-body">{t("archive.qna.hideBody")}</p>
      {error.summary ? (
        <p className="form-hint-invalid" role="alert">
          {error.summary}
        </p>
      ) : null}
      <TextAreaField id="qna-hide-reason" label={t("archive.qna.hideReason")} required rows={3} maxLength={REASON_MAX}
        hint={t("archive.qna.hideReasonHint")} value={reason} onValue={setReason} error={error.field ?? undefined} />
    </Dialog>
  );
}
