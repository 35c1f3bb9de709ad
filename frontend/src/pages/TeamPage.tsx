import { useCallback, useState, type FormEvent } from "react";
import { useNavigate, useParams } from "react-router";
import { problemToFormErrors, type FormErrors } from "../api/problem";
import type { TeamDetail, TeamInvitation, TeamMember, TeamMemberRole } from "../api/types";
import { useApi, useSession } from "../app/context";
import { CaseTable } from "../components/CaseTable";
import { ConfirmDialog } from "../components/Dialog";
import { ErrorSummary, StatusMessage, SubmitButton, TextField, useFormErrors } from "../components/forms";
import { LoadError, Loading, PageHeader } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { emailProblem } from "../components/validation";
import { useI18n } from "../i18n/I18nProvider";
import { TableWrap } from "../components/TableWrap";

export function TeamPage() {
  const { teamId = "" } = useParams();
  const api = useApi();
  const load = useCallback(() => api.GET("/api/v1/teams/{teamId}", { params: { path: { teamId } } }), [api, teamId]);
  const team = useLoad(load);
  if (team.status === "loading") return <Loading />;
  if (team.status === "error") return <LoadError error={team.error} httpStatus={team.httpStatus} onRetry={team.reload} />;
  return <TeamView team={team.data} reload={team.reload} />;
}

type Pending = { kind: "remove" | "leave"; member: TeamMember } | null;

function TeamView({ team, reload }: { team: TeamDetail; reload: () => void }) {
  const { t, formatDate } = useI18n();
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const me = session.status === "authenticated" ? session.user.id : "";
  const leader = team.myRole === "leader";
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [cancelling, setCancelling] = useState<TeamInvitation | null>(null);

  const setRole = async (member: TeamMember, role: TeamMemberRole) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const { data, error: problem } = await api.PUT("/api/v1/teams/{teamId}/members/{userId}", {
        params: { path: { teamId: team.id, userId: member.userId } },
        body: { role },
      });
      if (data) {
        setMessage(t("team.roleChanged", { name: data.displayName, role: t(`teamRole.${data.role}`) }));
        reload();
      } else setError(problemToFormErrors(problem, [], t("common.errorUnknown")).summary);
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!pending) return;
    const { member, kind } = pending;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const { error: problem, response } = await api.DELETE("/api/v1/teams/{teamId}/members/{userId}", {
        params: { path: { teamId: team.id, userId: member.userId } },
      });
      setPending(null);
      if (response.ok) {
        if (kind === "leave") {
          navigate("/teams", { state: { message: t("team.left", { team: team.name }) } });
          return;
        }
        setMessage(t("team.removed", { name: member.displayName }));
        reload();
        // The row (and the button that opened the dialog) goes away: continue from the list.
        requestAnimationFrame(() => document.getElementById("team-members")?.focus());
      } else setError(problemToFormErrors(problem, [], t("common.errorUnknown")).summary);
    } catch {
      setPending(null);
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  const cancelInvitation = async () => {
    if (!cancelling) return;
    const inv = cancelling;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const { error: problem, response } = await api.DELETE("/api/v1/teams/{teamId}/invitations/{invitationId}", {
        params: { path: { teamId: team.id, invitationId: inv.id } },
      });
      setCancelling(null);
      if (response.ok) {
        setMessage(t("team.invitationCancelled", { email: inv.email }));
        reload();
        requestAnimationFrame(() => document.getElementById("team-pending")?.focus());
      } else setError(problemToFormErrors(problem, [], t("common.errorUnknown")).summary);
    } catch {
      setCancelling(null);
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  const self = team.members.find((m) => m.userId === me);

  return (
    <>
      <PageHeader title={team.name} lead={team.description || undefined}>
        <dl className="detail-list compact">
          <div>
            <dt>{t("team.kind")}</dt>
            <dd>{t(`teamKind.${team.kind}`)}</dd>
          </div>
          <div>
            <dt>{t("team.agency")}</dt>
            <dd>{team.agency.name}</dd>
          </div>
          <div>
            <dt>{t("team.myRole")}</dt>
            <dd>{t(`teamRole.${team.myRole}`)}</dd>
          </div>
        </dl>
      </PageHeader>
      {error ? (
        <div className="error-summary" role="alert">
          <p className="error-summary-title">{error}</p>
        </div>
      ) : null}
      <StatusMessage>{message}</StatusMessage>

      <section aria-labelledby="team-members">
        <h2 id="team-members" className="section-title" tabIndex={-1}>
          {t("team.membersTitle")} <span className="muted">({team.members.length})</span>
        </h2>
        {!leader && team.myRole !== "none" ? <p className="muted section-lead">{t("team.leaderOnly")}</p> : null}
        <TableWrap label={t("team.membersCaption")}>
          <table className="tbl col data">
            <caption>{t("team.membersCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("team.col.name")}</th>
                <th scope="col">{t("team.col.email")}</th>
                <th scope="col">{t("team.col.department")}</th>
                <th scope="col">{t("team.col.role")}</th>
                <th scope="col">{t("team.col.joinedAt")}</th>
                <th scope="col">{t("team.col.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {team.members.map((m) => (
                <tr key={m.userId}>
                  <th scope="row">
                    {m.displayName}
                    {m.userId === me ? <span className="muted"> ({t("team.you")})</span> : null}
                  </th>
                  <td>{m.email ?? ""}</td>
                  <td>{m.department ?? ""}</td>
                  <td>
                    <span className={`role-badge role-${m.role}`}>{t(`teamRole.${m.role}`)}</span>
                  </td>
                  <td>{formatDate(m.joinedAt)}</td>
                  <td>
                    <div className="row-actions">
                      {leader && m.role === "member" ? (
                        <button type="button" className="krds-btn secondary small" disabled={busy}
                          aria-label={t("team.makeLeaderLabel", { name: m.displayName })} onClick={() => setRole(m, "leader")}>
                          {t("team.makeLeader")}
                        </button>
                      ) : null}
                      {leader && m.role === "leader" ? (
                        <button type="button" className="krds-btn secondary small" disabled={busy}
                          aria-label={t("team.makeMemberLabel", { name: m.displayName })} onClick={() => setRole(m, "member")}>
                          {t("team.makeMember")}
                        </button>
                      ) : null}
                      {leader && m.userId !== me ? (
                        <button type="button" className="krds-btn tertiary small" disabled={busy}
                          aria-label={t("team.removeLabel", { name: m.displayName })} onClick={() => setPending({ kind: "remove", member: m })}>
                          {t("team.remove")}
                        </button>
                      ) : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {self ? (
          <p className="button-row">
            <button type="button" className="krds-btn tertiary medium" disabled={busy} onClick={() => setPending({ kind: "leave", member: self })}>
              {t("team.leave")}
            </button>
          </p>
        ) : null}
      </section>

      {team.myRole !== "none" ? (
        <section aria-labelledby="team-pending">
          <h2 id="team-pending" className="section-title" tabIndex={-1}>
            {t("team.pendingTitle")}
          </h2>
          {team.invitations.length === 0 ? (
            <p className="empty">{t("team.pendingEmpty")}</p>
          ) : (
            <ul className="plain-list">
              {team.invitations.map((inv) => (
                <li key={inv.id} className="list-row">
                  <div>
                    <strong>{inv.email}</strong>
                    <p className="muted">{t("team.pendingItem", { name: inv.invitedBy, date: formatDate(inv.createdAt) })}</p>
                  </div>
                  {leader ? (
                    <button type="button" className="krds-btn tertiary small" disabled={busy}
                      aria-label={t("team.cancelInvitationLabel", { email: inv.email })} onClick={() => setCancelling(inv)}>
                      {t("team.cancelInvitation")}
                    </button>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {leader ? <InviteForm teamId={team.id} onInvited={reload} /> : null}

      <section aria-labelledby="team-cases">
        <h2 id="team-cases" className="section-title">
          {t("team.casesTitle")}
        </h2>
        <CaseTable items={team.cases} caption={t("team.casesTitle")} showTeam={false} empty={t("team.casesEmpty")} />
      </section>

      <ConfirmDialog
        open={pending !== null}
        busy={busy}
        title={pending?.kind === "leave" ? t("team.confirmLeaveTitle") : t("team.confirmRemoveTitle")}
        confirmLabel={pending?.kind === "leave" ? t("team.leave") : t("team.remove")}
        dismissLabel={t("common.cancel")}
        onConfirm={remove}
        onClose={() => setPending(null)}
      >
        <p>
          {pending?.kind === "leave"
            ? t("team.confirmLeave", { team: team.name })
            : t("team.confirmRemove", { name: pending?.member.displayName ?? "" })}
        </p>
      </ConfirmDialog>

      <ConfirmDialog
        open={cancelling !== null}
        busy={busy}
        title={t("team.confirmCancelInvitationTitle")}
        confirmLabel={t("team.confirmCancelInvitationAction")}
        dismissLabel={t("common.close")}
        onConfirm={cancelInvitation}
        onClose={() => setCancelling(null)}
      >
        <p>{t("team.confirmCancelInvitation", { email: cancelling?.email ?? "" })}</p>
      </ConfirmDialog>
    </>
  );
}

function InviteForm({ teamId, onInvited }: { teamId: string; onInvited: () => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [email, setEmail] = useState("");
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<"email">();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const key = emailProblem(email);
    if (key) {
      const fields: FormErrors<"email">["fields"] = { email: t(key) };
      report({ summary: t("common.errorSummary"), fields, other: [] });
      return;
    }
    setBusy(true);
    clear();
    try {
      const { data, error } = await api.POST("/api/v1/teams/{teamId}/invitations", {
        params: { path: { teamId } },
        body: { email: email.trim() },
      });
      if (data) {
        setDone(t("team.invited", { email: data.email }));
        setEmail("");
        onInvited();
      } else report(problemToFormErrors(error, ["email"], t("common.errorUnknown")));
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="team-invite">
      <h2 id="team-invite" className="section-title">
        {t("team.inviteTitle")}
      </h2>
      <form ref={formRef} className="stack-form" noValidate onSubmit={submit} aria-busy={busy}>
        <ErrorSummary errors={errors} summaryRef={summaryRef} />
        <TextField id="team-invite-email" label={t("field.email")} type="email" required autoComplete="off"
          hint={t("team.inviteHint")} value={email} onValue={setEmail} error={errors.fields.email} />
        <div className="form-actions">
          <SubmitButton busy={busy} label={t("team.invite")} busyLabel={t("team.inviting")} />
        </div>
        <StatusMessage>{done}</StatusMessage>
      </form>
    </section>
  );
}

