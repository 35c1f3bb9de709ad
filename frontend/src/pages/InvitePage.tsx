import { useCallback, useState, type FormEvent } from "react";
import { Link, Navigate, useParams } from "react-router";
import { isProblem, problemToFormErrors, type FormErrors } from "../api/problem";
import type { Invitation } from "../api/types";
import { useApi, useSession, useSessionManager } from "../app/context";
import { ErrorSummary, SubmitButton, TextField, useFormErrors } from "../components/forms";
import { Loading, Notice, PageHeader } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { newPasswordProblem, PASSWORD_MIN } from "../components/validation";
import type { MessageKey } from "../i18n/messages";
import { useI18n } from "../i18n/I18nProvider";

type Field = "displayName" | "department" | "password" | "passwordConfirm";
const FIELDS: readonly Field[] = ["displayName", "department", "password", "passwordConfirm"];

/** Why an invitation link cannot be used, from the API's status and problem code. */
export function invitationFailure(httpStatus: number | null, body: unknown): MessageKey {
  if (httpStatus === null) return "common.errorNetwork";
  if (httpStatus === 404) return "invite.notFound";
  if (httpStatus === 410) {
    const code = isProblem(body) ? body.code : undefined;
    if (code === "invitation_expired") return "invite.expired";
    if (code === "invitation_used") return "invite.used";
    if (code === "invitation_revoked") return "invite.revoked";
    return "invite.gone";
  }
  return "common.errorUnknown";
}

export function InvitePage() {
  const { token = "" } = useParams();
  const { t } = useI18n();
  const api = useApi();
  const load = useCallback(
    () => api.GET("/api/v1/invitations/{token}", { params: { path: { token } } }),
    [api, token],
  );
  const invitation = useLoad(load);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<MessageKey | null>(null);

  if (done) return <Navigate to={done} replace />;

  let body;
  if (failure) body = <InvitationUnusable message={t(failure)} />;
  else if (invitation.status === "loading") body = <Loading />;
  else if (invitation.status === "error")
    body = <InvitationUnusable message={t(invitationFailure(invitation.httpStatus, invitation.error))} />;
  else body = <AcceptForm token={token} invitation={invitation.data} onDone={setDone} onGone={setFailure} />;

  // A citizen invited to a panel (국민심사단) is not an officer: the page says what they are joining.
  const citizen = invitation.status === "ok" && invitation.data.role === "citizen";
  return (
    <div className="narrow">
      <PageHeader
        title={citizen ? t("invite.citizen.title") : t("invite.title")}
        lead={failure || invitation.status === "error" ? undefined : citizen ? t("invite.citizen.intro") : t("invite.intro")}
      />
      {body}
    </div>
  );
}

function InvitationUnusable({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <>
      <Notice tone="danger">
        <p role="alert">{message}</p>
      </Notice>
      <p className="button-row">
        <Link className="krds-btn primary medium" to="/login">
          {t("common.goLogin")}
        </Link>
        <Link className="krds-btn secondary medium" to="/">
          {t("common.goHome")}
        </Link>
      </p>
    </>
  );
}

function AcceptForm({
  token,
  invitation,
  onDone,
  onGone,
}: {
  token: string;
  invitation: Invitation;
  /** Called with where to go once the account is made. */
  onDone: (path: string) => void;
  onGone: (message: MessageKey) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const api = useApi();
  const manager = useSessionManager();
  const session = useSession();
  const [form, setForm] = useState({
    displayName: "",
    department: invitation.department ?? "",
    password: "",
    passwordConfirm: "",
  });
  const [busy, setBusy] = useState(false);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<Field>();
  const set = (field: Field) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const citizen = invitation.role === "citizen";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: FormErrors<Field>["fields"] = {};
    if (!form.displayName.trim()) fields.displayName = t("validation.displayNameRequired");
    const passwordKey = newPasswordProblem(form.password);
    if (passwordKey) fields.password = t(passwordKey);
    else if (form.password !== form.passwordConfirm) fields.passwordConfirm = t("validation.passwordMismatch");
    if (Object.keys(fields).length > 0) {
      report({ summary: t("common.errorSummary"), fields, other: [] });
      return;
    }
    setBusy(true);
    clear();
    try {
      const { data, error, response } = await api.POST("/api/v1/invitations/{token}/accept", {
        params: { path: { token } },
        body: {
          displayName: form.displayName.trim(),
          password: form.password,
          ...(form.department.trim() ? { department: form.department.trim() } : {}),
        },
      });
      if (data) {
        manager.setSession(data);
        onDone(citizen ? "/judging" : "/");
      } else if (response.status === 404 || response.status === 410) {
        onGone(invitationFailure(response.status, error));
      } else {
        report(problemToFormErrors(error, citizen ? FIELDS.filter((f) => f !== "department") : FIELDS, t("common.errorUnknown")));
      }
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="invite-details">
        <h2 id="invite-details" className="section-title">
          {t("invite.details")}
        </h2>
        <dl className="detail-list">
          <div>
            <dt>{citizen ? t("invite.citizen.host") : t("invite.agency")}</dt>
            <dd>{invitation.agency.name}</dd>
          </div>
          <div>
            <dt>{t("invite.role")}</dt>
            <dd>{t(`role.${invitation.role}`)}</dd>
          </div>
          <div>
            <dt>{t("invite.email")}</dt>
            <dd>{invitation.email}</dd>
          </div>
          {invitation.invitedBy ? (
            <div>
              <dt>{t("invite.invitedBy")}</dt>
              <dd>{invitation.invitedBy}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t("invite.expiresAt")}</dt>
            <dd>{formatDateTime(invitation.expiresAt)}</dd>
          </div>
        </dl>
      </section>

      {citizen ? (
        <section aria-labelledby="invite-steps">
          <h2 id="invite-steps" className="section-title">
            {t("invite.citizen.stepsTitle")}
          </h2>
          <ol className="invite-steps">
            <li>{t("invite.citizen.step1")}</li>
            <li>{t("invite.citizen.step2")}</li>
            <li>{t("invite.citizen.step3")}</li>
          </ol>
        </section>
      ) : null}

      {session.status === "authenticated" ? (
        <Notice>
          <p>{t("invite.signedInAs", { name: session.user.displayName })}</p>
        </Notice>
      ) : null}

      <section aria-labelledby="invite-form">
        <h2 id="invite-form" className="section-title">
          {t("invite.formTitle")}
        </h2>
        <form ref={formRef} className="stack-form" noValidate onSubmit={submit} aria-busy={busy}>
          <ErrorSummary errors={errors} summaryRef={summaryRef} />
          {/* Lets password managers store the new credentials under the invited address. */}
          <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
          <TextField id="invite-name" label={t("field.displayName")} autoComplete="name" required maxLength={50}
            hint={t("field.displayNameHint")} value={form.displayName} onValue={set("displayName")} error={errors.fields.displayName} />
          {/* A citizen has no department; the invitation's own ("국민심사단") goes back as it is. */}
          {citizen ? null : (
            <TextField id="invite-department" label={t("field.department")} optional maxLength={100} autoComplete="organization-title"
              value={form.department} onValue={set("department")} error={errors.fields.department} />
          )}
          <TextField id="invite-password" label={t("field.password")} type="password" autoComplete="new-password" required
            minLength={PASSWORD_MIN} hint={t("field.passwordHint")} value={form.password} onValue={set("password")} error={errors.fields.password} />
          <TextField id="invite-password-confirm" label={t("field.passwordConfirm")} type="password" autoComplete="new-password" required
            value={form.passwordConfirm} onValue={set("passwordConfirm")} error={errors.fields.passwordConfirm} />
          <div className="form-actions">
            <SubmitButton busy={busy} label={citizen ? t("invite.citizen.submit") : t("invite.submit")} busyLabel={t("invite.submitting")} />
          </div>
        </form>
      </section>
    </>
  );
}
