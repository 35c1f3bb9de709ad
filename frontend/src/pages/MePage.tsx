import { useState, type FormEvent } from "react";
import { problemToFormErrors, type FormErrors } from "../api/problem";
import type { User } from "../api/types";
import { useApi, useSession, useSessionManager } from "../app/context";
import { ErrorSummary, StatusMessage, SubmitButton, TextField, useFormErrors } from "../components/forms";
import { PageHeader } from "../components/Page";
import { newPasswordProblem, PASSWORD_MIN } from "../components/validation";
import { useI18n } from "../i18n/I18nProvider";
import { rolesOf } from "../nav";
import { JudgeProfileSection } from "./judging/JudgeProfileSection";

export function MePage() {
  const { t, formatDate } = useI18n();
  const session = useSession();
  if (session.status !== "authenticated") return null; // guarded by RequireAuth
  const user = session.user;
  return (
    <>
      <PageHeader title={t("me.title")} />
      <section className="panel" aria-labelledby="me-account">
        <h2 id="me-account" className="section-title">
          {t("me.account")}
        </h2>
        <dl className="detail-list">
          <div>
            <dt>{t("field.email")}</dt>
            <dd>{user.email}</dd>
          </div>
          <div>
            <dt>{t("field.agency")}</dt>
            <dd>{user.agency.name}</dd>
          </div>
          <div>
            <dt>{t("me.roles")}</dt>
            <dd>{rolesOf(user).map((role) => t(`role.${role}`)).join(", ") || t("common.none")}</dd>
          </div>
          <div>
            <dt>{t("me.joined")}</dt>
            <dd>{formatDate(user.createdAt)}</dd>
          </div>
        </dl>
      </section>
      <div className="two-columns">
        <ProfileForm user={user} />
        <PasswordForm email={user.email} />
      </div>
      {rolesOf(user).includes("judge") ? <JudgeProfileSection /> : null}
    </>
  );
}

type ProfileField = "displayName" | "department";

function ProfileForm({ user }: { user: User }) {
  const { t } = useI18n();
  const api = useApi();
  const manager = useSessionManager();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [department, setDepartment] = useState(user.department ?? "");
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<ProfileField>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (!displayName.trim()) {
      report({ summary: t("common.errorSummary"), fields: { displayName: t("validation.displayNameRequired") }, other: [] });
      return;
    }
    setBusy(true);
    clear();
    try {
      const { data, error } = await api.PATCH("/api/v1/me", {
        body: { displayName: displayName.trim(), department: department.trim() },
      });
      if (data) {
        manager.updateUser(data);
        setDisplayName(data.displayName);
        setDepartment(data.department ?? "");
        setSaved(true);
      } else {
        report(problemToFormErrors(error, ["displayName", "department"], t("common.errorUnknown")));
      }
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="me-profile">
      <h2 id="me-profile" className="section-title">
        {t("me.profileTitle")}
      </h2>
      <form ref={formRef} className="stack-form" noValidate onSubmit={submit} aria-busy={busy}>
        <ErrorSummary errors={errors} summaryRef={summaryRef} />
        <TextField id="me-name" label={t("field.displayName")} autoComplete="name" required maxLength={50}
          value={displayName} onValue={setDisplayName} error={errors.fields.displayName} />
        <TextField id="me-department" label={t("field.department")} optional maxLength={100} autoComplete="organization-title"
          value={department} onValue={setDepartment} error={errors.fields.department} />
        <div className="form-actions">
          <SubmitButton busy={busy} label={t("common.save")} busyLabel={t("common.saving")} />
        </div>
        <StatusMessage>{saved ? t("me.profileSaved") : null}</StatusMessage>
      </form>
    </section>
  );
}

type PasswordField = "currentPassword" | "newPassword" | "newPasswordConfirm";

function PasswordForm({ email }: { email: string }) {
  const { t } = useI18n();
  const api = useApi();
  const manager = useSessionManager();
  const [form, setForm] = useState({ currentPassword: "", newPassword: "", newPasswordConfirm: "" });
  const [busy, setBusy] = useState(false);
  const [changed, setChanged] = useState(false);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<PasswordField>();
  const set = (field: PasswordField) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    const fields: FormErrors<PasswordField>["fields"] = {};
    if (!form.currentPassword) fields.currentPassword = t("validation.currentPasswordRequired");
    const key = newPasswordProblem(form.newPassword);
    if (key) fields.newPassword = t(key);
    else if (form.newPassword !== form.newPasswordConfirm) fields.newPasswordConfirm = t("validation.passwordMismatch");
    if (Object.keys(fields).length > 0) {
      report({ summary: t("common.errorSummary"), fields, other: [] });
      return;
    }
    setBusy(true);
    clear();
    try {
      const { error, response } = await api.PUT("/api/v1/me/password", {
        body: { currentPassword: form.currentPassword, newPassword: form.newPassword },
      });
      if (response.ok) {
        // The server revokes every refresh token of the user, this browser's included:
        // sign in again with the new password so this session carries on.
        await manager.login(email, form.newPassword);
        setForm({ currentPassword: "", newPassword: "", newPasswordConfirm: "" });
        setChanged(true);
      } else {
        report(problemToFormErrors(error, ["currentPassword", "newPassword", "newPasswordConfirm"], t("common.errorUnknown")));
      }
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="me-password">
      <h2 id="me-password" className="section-title">
        {t("me.passwordTitle")}
      </h2>
      <form ref={formRef} className="stack-form" noValidate onSubmit={submit} aria-busy={busy}>
        <ErrorSummary errors={errors} summaryRef={summaryRef} />
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
        <TextField id="me-current-password" label={t("field.currentPassword")} type="password" autoComplete="current-password" required
          value={form.currentPassword} onValue={set("currentPassword")} error={errors.fields.currentPassword} />
        <TextField id="me-new-password" label={t("field.newPassword")} type="password" autoComplete="new-password" required
          minLength={PASSWORD_MIN} hint={t("field.passwordHint")} value={form.newPassword} onValue={set("newPassword")} error={errors.fields.newPassword} />
        <TextField id="me-new-password-confirm" label={t("field.newPasswordConfirm")} type="password" autoComplete="new-password" required
          value={form.newPasswordConfirm} onValue={set("newPasswordConfirm")} error={errors.fields.newPasswordConfirm} />
        <div className="form-actions">
          <SubmitButton busy={busy} label={t("me.passwordSubmit")} busyLabel={t("me.passwordSubmitting")} />
        </div>
        <StatusMessage>{changed ? t("me.passwordChanged") : null}</StatusMessage>
      </form>
    </section>
  );
}
