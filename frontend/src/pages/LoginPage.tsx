import { useState, type FormEvent } from "react";
import { Link, Navigate, useSearchParams } from "react-router";
import { problemToFormErrors, type FormErrors } from "../api/problem";
import { usePublicSettings, useSession, useSessionManager } from "../app/context";
import { ErrorSummary, SubmitButton, TextField, useFormErrors } from "../components/forms";
import { Notice, PageHeader } from "../components/Page";
import { emailProblem } from "../components/validation";
import { useI18n } from "../i18n/I18nProvider";

type Field = "email" | "password";
const FIELDS: readonly Field[] = ["email", "password"];

/** Only same-site paths are followed after login (no //evil.example or schemes). */
export function safeNext(value: string | null): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

export function LoginPage() {
  const { t } = useI18n();
  const session = useSession();
  const manager = useSessionManager();
  const settings = usePublicSettings();
  const [params] = useSearchParams();
  const next = safeNext(params.get("next"));
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<Field>();

  if (session.status === "authenticated") return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: FormErrors<Field>["fields"] = {};
    const emailKey = emailProblem(email);
    if (emailKey) fields.email = t(emailKey);
    if (!password) fields.password = t("validation.passwordRequired");
    if (Object.keys(fields).length > 0) {
      report({ summary: t("common.errorSummary"), fields, other: [] });
      return;
    }
    setBusy(true);
    clear();
    try {
      const result = await manager.login(email.trim(), password);
      if (!result.ok) report(problemToFormErrors(result.error, FIELDS, t("common.errorUnknown")));
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <PageHeader title={t("login.title")} lead={t("login.intro")} />
      {params.has("next") ? (
        <Notice>
          <p>{t("login.expired")}</p>
        </Notice>
      ) : null}
      <form ref={formRef} className="stack-form" noValidate onSubmit={submit} aria-busy={busy}>
        <ErrorSummary errors={errors} summaryRef={summaryRef} />
        <TextField
          id="login-email"
          label={t("field.email")}
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          value={email}
          onValue={setEmail}
          error={errors.fields.email}
        />
        <TextField
          id="login-password"
          label={t("field.password")}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onValue={setPassword}
          error={errors.fields.password}
        />
        <div className="form-actions">
          <SubmitButton busy={busy} label={t("login.submit")} busyLabel={t("login.submitting")} />
        </div>
      </form>
      <div className="form-aside">
        <p>{t("login.noAccount")}</p>
        {settings?.openSignup ? (
          <p>
            {t("login.signupPrompt")} <Link to="/signup">{t("header.signup")}</Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
