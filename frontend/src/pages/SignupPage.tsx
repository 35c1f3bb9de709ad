import { useState, type FormEvent } from "react";
import { Link, Navigate } from "react-router";
import { problemToFormErrors, type FormErrors } from "../api/problem";
import { useApi, usePublicSettings, useSession, useSessionManager } from "../app/context";
import { AgencySelect } from "../components/AgencySelect";
import { ErrorSummary, SubmitButton, TextField, useFormErrors } from "../components/forms";
import { Loading, PageHeader } from "../components/Page";
import { emailProblem, newPasswordProblem, PASSWORD_MIN } from "../components/validation";
import { useI18n } from "../i18n/I18nProvider";
import { NotFoundPage } from "./NotFoundPage";

type Field = "email" | "password" | "passwordConfirm" | "displayName" | "agency" | "department";
const FIELDS: readonly Field[] = ["email", "password", "passwordConfirm", "displayName", "agency", "department"];

/** Public sign-up; exists only while GET /api/v1/settings says openSignup. */
export function SignupPage() {
  const settings = usePublicSettings();
  const session = useSession();
  if (session.status === "authenticated") return <Navigate to="/" replace />;
  if (settings === null) return <Loading />;
  if (!settings.openSignup) return <NotFoundPage />;
  return <SignupForm />;
}

function SignupForm() {
  const { t } = useI18n();
  const api = useApi();
  const manager = useSessionManager();
  const [form, setForm] = useState({ email: "", password: "", passwordConfirm: "", displayName: "", agency: "", department: "" });
  const [busy, setBusy] = useState(false);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<Field>();
  const set = (field: Field) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: FormErrors<Field>["fields"] = {};
    const emailKey = emailProblem(form.email);
    if (emailKey) fields.email = t(emailKey);
    const passwordKey = newPasswordProblem(form.password);
    if (passwordKey) fields.password = t(passwordKey);
    else if (form.password !== form.passwordConfirm) fields.passwordConfirm = t("validation.passwordMismatch");
    if (!form.displayName.trim()) fields.displayName = t("validation.displayNameRequired");
    if (!form.agency) fields.agency = t("validation.agencyRequired");
    if (Object.keys(fields).length > 0) {
      report({ summary: t("common.errorSummary"), fields, other: [] });
      return;
    }
    setBusy(true);
    clear();
    try {
      const { data, error } = await api.POST("/api/v1/auth/signup", {
        body: {
          email: form.email.trim(),
          password: form.password,
          displayName: form.displayName.trim(),
          agencyId: form.agency,
          ...(form.department.trim() ? { department: form.department.trim() } : {}),
        },
      });
      if (data) manager.setSession(data); // the page re-renders and redirects home
      else report(problemToFormErrors(error, FIELDS, t("common.errorUnknown"), { agencyId: "agency" }));
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeader title={t("signup.title")} lead={t("signup.intro")} />
      <form ref={formRef} className="stack-form" noValidate onSubmit={submit} aria-busy={busy}>
        <ErrorSummary errors={errors} summaryRef={summaryRef} />
        <TextField id="signup-email" label={t("field.email")} type="email" autoComplete="email" required
          value={form.email} onValue={set("email")} error={errors.fields.email} />
        <TextField id="signup-name" label={t("field.displayName")} autoComplete="name" required maxLength={50}
          hint={t("field.displayNameHint")} value={form.displayName} onValue={set("displayName")} error={errors.fields.displayName} />
        <AgencySelect id="signup-agency" value={form.agency} onValue={set("agency")} error={errors.fields.agency} />
        <TextField id="signup-department" label={t("field.department")} optional maxLength={100} autoComplete="organization-title"
          value={form.department} onValue={set("department")} error={errors.fields.department} />
        <TextField id="signup-password" label={t("field.password")} type="password" autoComplete="new-password" required
          minLength={PASSWORD_MIN} hint={t("field.passwordHint")} value={form.password} onValue={set("password")} error={errors.fields.password} />
        <TextField id="signup-password-confirm" label={t("field.passwordConfirm")} type="password" autoComplete="new-password" required
          value={form.passwordConfirm} onValue={set("passwordConfirm")} error={errors.fields.passwordConfirm} />
        <div className="form-actions">
          <SubmitButton busy={busy} label={t("signup.submit")} busyLabel={t("signup.submitting")} />
        </div>
      </form>
      <div className="form-aside">
        <p>
          {t("signup.hasAccount")} <Link to="/login">{t("header.login")}</Link>
        </p>
      </div>
    </div>
  );
}
