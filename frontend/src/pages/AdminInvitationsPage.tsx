import { useCallback, useMemo, useRef, useState, type FormEvent } from "react";
import { problemToFormErrors, type FormErrors } from "../api/problem";
import { ROLES, type CreatedInvitation, type Invitation, type Role, type User } from "../api/types";
import { useApi, useSession } from "../app/context";
import { AgencySelect } from "../components/AgencySelect";
import { ConfirmDialog } from "../components/Dialog";
import { ErrorSummary, SelectField, StatusMessage, SubmitButton, TextField, useFormErrors } from "../components/forms";
import { Loading, Notice, PageHeader } from "../components/Page";
import { LoadMore } from "../components/LoadMore";
import { useCursorList } from "../components/useCursorList";
import { emailProblem } from "../components/validation";
import { useI18n } from "../i18n/I18nProvider";
import { rolesOf } from "../nav";

/** Roles a user may hand out: admins any, organizers organizer/judge/member (per the API). */
export function invitableRoles(user: Pick<User, "roles">): Role[] {
  const roles = rolesOf(user);
  if (roles.includes("admin")) return [...ROLES];
  if (roles.includes("organizer")) return ["organizer", "judge", "member"];
  return [];
}

/** Agencies an organizer may invite into (with sub-agencies); undefined = all (admin). */
export function invitableAgencyRoots(user: Pick<User, "roles">): string[] | undefined {
  if (rolesOf(user).includes("admin")) return undefined;
  const ids: string[] = [];
  for (const grant of user.roles) {
    if (grant.role === "organizer" && grant.agencyId && !ids.includes(grant.agencyId)) ids.push(grant.agencyId);
  }
  return ids;
}

export function AdminInvitationsPage() {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const fetchPage = useCallback((cursor?: string) => api.GET("/api/v1/invitations", { params: { query: { cursor } } }), [api]);
  const list = useCursorList(fetchPage, (d) => d.items);
  if (session.status !== "authenticated") return null; // guarded by RequireRoles

  return (
    <>
      <PageHeader title={t("invitations.title")} lead={t("invitations.intro")} />
      <CreateInvitation user={session.user} onCreated={list.reload} />
      <section aria-labelledby="invitations-list">
        <h2 id="invitations-list" className="section-title" tabIndex={-1}>
          {t("invitations.listTitle")}
        </h2>
        {list.status === "loading" ? <Loading /> : null}
        {list.status === "error" ? (
          <Notice tone="danger">
            <p>{problemToFormErrors(list.error, [], t("common.errorNetwork")).summary}</p>
            <button type="button" className="krds-btn secondary small" onClick={list.reload}>
              {t("common.retry")}
            </button>
          </Notice>
        ) : null}
        {list.status === "ok" ? (
          <>
            <InvitationTable items={list.items} onChanged={list.reload} />
            <LoadMore list={list} />
          </>
        ) : null}
      </section>
    </>
  );
}

/** Revoking and reissuing apply to invitations nobody has used yet, expired ones included. */
function manageable(inv: Invitation): boolean {
  return inv.status === "pending" || inv.status === "expired";
}

function InvitationTable({ items, onChanged }: { items: Invitation[]; onChanged: () => void }) {
  const { t, formatDateTime } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [resent, setResent] = useState<CreatedInvitation | null>(null);

  const begin = () => {
    setBusy(true);
    setError(null);
    setMessage(null);
    setResent(null);
  };

  const revoke = async () => {
    if (!revoking) return;
    const inv = revoking;
    begin();
    try {
      const { error: problem, response } = await api.DELETE("/api/v1/sent-invitations/{invitationId}", {
        params: { path: { invitationId: inv.id } },
      });
      setRevoking(null);
      if (response.ok) {
        setMessage(t("invitations.revoked", { email: inv.email }));
        onChanged();
        // The row's buttons go away: continue from the list heading.
        requestAnimationFrame(() => document.getElementById("invitations-list")?.focus());
      } else setError(problemToFormErrors(problem, [], t("common.errorUnknown")).summary);
    } catch {
      setRevoking(null);
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  const resend = async (inv: Invitation) => {
    begin();
    try {
      const { data, error: problem } = await api.POST("/api/v1/sent-invitations/{invitationId}/resend", {
        params: { path: { invitationId: inv.id } },
      });
      if (data) {
        setResent(data);
        onChanged();
      } else setError(problemToFormErrors(problem, [], t("common.errorUnknown")).summary);
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {error ? (
        <div className="error-summary" role="alert">
          <p className="error-summary-title">{error}</p>
        </div>
      ) : null}
      <StatusMessage>{message}</StatusMessage>
      {resent ? (
        <InvitationLink
          id="inv-resent-link"
          invitation={resent}
          message={t("invitations.resent", { email: resent.email, date: formatDateTime(resent.expiresAt) })}
        />
      ) : null}
      {items.length === 0 ? (
        <p className="empty">{t("invitations.empty")}</p>
      ) : (
        <div className="krds-table-wrap">
          <table className="tbl col data">
            <caption>{t("invitations.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("invitations.col.email")}</th>
                <th scope="col">{t("invitations.col.role")}</th>
                <th scope="col">{t("invitations.col.agency")}</th>
                <th scope="col">{t("invitations.col.status")}</th>
                <th scope="col">{t("invitations.col.invitedBy")}</th>
                <th scope="col">{t("invitations.col.expiresAt")}</th>
                <th scope="col">{t("invitations.col.createdAt")}</th>
                <th scope="col">{t("invitations.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((inv) => (
                <tr key={inv.id}>
                  <td>{inv.email}</td>
                  <td>{t(`role.${inv.role}`)}</td>
                  <td>
                    {inv.agency.name}
                    {inv.department ? <span className="muted"> · {inv.department}</span> : null}
                  </td>
                  <td>
                    <span className={`status-badge status-${inv.status}`}>{t(`invitationStatus.${inv.status}`)}</span>
                  </td>
                  <td>{inv.invitedBy ?? ""}</td>
                  <td>{formatDateTime(inv.expiresAt)}</td>
                  <td>{formatDateTime(inv.createdAt)}</td>
                  <td>
                    {manageable(inv) ? (
                      <div className="row-actions">
                        <button type="button" className="krds-btn secondary small" disabled={busy}
                          aria-label={t("invitations.resendLabel", { email: inv.email })} onClick={() => resend(inv)}>
                          {t("invitations.resend")}
                        </button>
                        <button type="button" className="krds-btn tertiary small" disabled={busy}
                          aria-label={t("invitations.revokeLabel", { email: inv.email })} onClick={() => setRevoking(inv)}>
                          {t("invitations.revoke")}
                        </button>
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        busy={busy}
        title={t("invitations.confirmRevokeTitle")}
        confirmLabel={t("invitations.revoke")}
        dismissLabel={t("common.close")}
        onConfirm={revoke}
        onClose={() => setRevoking(null)}
      >
        <p>{t("invitations.confirmRevoke", { email: revoking?.email ?? "" })}</p>
      </ConfirmDialog>
    </>
  );
}

type Field = "email" | "role" | "agency" | "department";
const FIELDS: readonly Field[] = ["email", "role", "agency", "department"];

function CreateInvitation({ user, onCreated }: { user: User; onCreated: () => void }) {
  const { t, formatDateTime } = useI18n();
  const api = useApi();
  const roles = useMemo(() => invitableRoles(user), [user]);
  const roots = useMemo(() => invitableAgencyRoots(user), [user]);
  const [form, setForm] = useState({ email: "", role: roles.includes("member") ? "member" : "", agency: "", department: "" });
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<Field>();
  const set = (field: Field) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: FormErrors<Field>["fields"] = {};
    const emailKey = emailProblem(form.email);
    if (emailKey) fields.email = t(emailKey);
    if (!form.agency) fields.agency = t("validation.agencyRequired");
    const role = roles.find((r) => r === form.role);
    if (!role) fields.role = t("validation.roleRequired");
    if (!role || Object.keys(fields).length > 0) {
      report({ summary: t("common.errorSummary"), fields, other: [] });
      return;
    }
    setBusy(true);
    clear();
    setCreated(null);
    try {
      const { data, error } = await api.POST("/api/v1/invitations", {
        body: {
          email: form.email.trim(),
          role,
          agencyId: form.agency,
          ...(form.department.trim() ? { department: form.department.trim() } : {}),
        },
      });
      if (data) {
        setCreated(data);
        setForm((f) => ({ ...f, email: "", department: "" }));
        onCreated();
      } else {
        report(problemToFormErrors(error, FIELDS, t("common.errorUnknown"), { agencyId: "agency" }));
      }
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="invitations-create">
      <h2 id="invitations-create" className="section-title">
        {t("invitations.createTitle")}
      </h2>
      <form ref={formRef} className="stack-form grid-form" noValidate onSubmit={submit} aria-busy={busy}>
        <ErrorSummary errors={errors} summaryRef={summaryRef} />
        <TextField id="inv-email" label={t("field.email")} type="email" autoComplete="off" required
          value={form.email} onValue={set("email")} error={errors.fields.email} />
        <SelectField id="inv-role" label={t("field.role")} required value={form.role} onValue={set("role")} error={errors.fields.role}>
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`role.${role}`)}
            </option>
          ))}
        </SelectField>
        <AgencySelect id="inv-agency" value={form.agency} onValue={set("agency")} error={errors.fields.agency}
          hint={t("invitations.agencyHint")} roots={roots} />
        <TextField id="inv-department" label={t("field.department")} optional maxLength={100} autoComplete="off"
          value={form.department} onValue={set("department")} error={errors.fields.department} />
        <div className="form-actions">
          <SubmitButton busy={busy} label={t("invitations.submit")} busyLabel={t("invitations.submitting")} />
        </div>
      </form>
      {created ? (
        <InvitationLink
          id="inv-link"
          invitation={created}
          message={t("invitations.created", { email: created.email, date: formatDateTime(created.expiresAt) })}
        />
      ) : null}
    </section>
  );
}

/** A freshly issued invitation link (created or reissued), with a copy button. */
function InvitationLink({ id, invitation, message }: { id: string; invitation: CreatedInvitation; message: string }) {
  const { t } = useI18n();
  const link = `${window.location.origin}${invitation.path}`;
  const inputRef = useRef<HTMLInputElement | null>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");

  const copyLink = async () => {
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(link);
      setCopy("copied");
    } catch {
      inputRef.current?.select();
      setCopy("failed");
    }
  };

  return (
    <div className="created-invitation">
      <p>{message}</p>
      <div className="form-group">
        <div className="form-tit">
          <label htmlFor={id}>{t("invitations.link")}</label>
        </div>
        <div className="copy-row">
          <input
            ref={inputRef}
            id={id}
            className="krds-input"
            readOnly
            value={link}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className="krds-btn secondary medium" onClick={copyLink}>
            {t("invitations.copy")}
          </button>
        </div>
      </div>
      <StatusMessage>
        {copy === "copied" ? t("invitations.copied") : copy === "failed" ? t("invitations.copyFailed") : null}
      </StatusMessage>
    </div>
  );
}
