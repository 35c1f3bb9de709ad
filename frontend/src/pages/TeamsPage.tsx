import { useCallback, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { problemToFormErrors, type FormErrors } from "../api/problem";
import { TEAM_KINDS, type Team, type TeamInvitation, type TeamKind } from "../api/types";
import { useApi } from "../app/context";
import {
  ErrorSummary,
  SelectField,
  StatusMessage,
  SubmitButton,
  TextAreaField,
  TextField,
  useFormErrors,
} from "../components/forms";
import { LoadError, Loading, PageHeader } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { useI18n } from "../i18n/I18nProvider";

export function TeamsPage() {
  const { t } = useI18n();
  const api = useApi();
  const loadTeams = useCallback(() => api.GET("/api/v1/teams"), [api]);
  const loadInvitations = useCallback(() => api.GET("/api/v1/me/team-invitations"), [api]);
  const teams = useLoad(loadTeams);
  const invitations = useLoad(loadInvitations);
  const location = useLocation();
  const [message, setMessage] = useState<string | null>(
    (location.state as { message?: string } | null)?.message ?? null,
  );

  return (
    <>
      <PageHeader title={t("teams.title")} lead={t("teams.intro")} />
      <StatusMessage>{message}</StatusMessage>
      <section aria-labelledby="teams-invitations">
        <h2 id="teams-invitations" className="section-title">
          {t("teams.invitationsTitle")}
        </h2>
        {invitations.status === "loading" ? <Loading /> : null}
        {invitations.status === "error" ? (
          <LoadError error={invitations.error} httpStatus={invitations.httpStatus} onRetry={invitations.reload} />
        ) : null}
        {invitations.status === "ok" ? (
          <InvitationList
            items={invitations.data.items}
            onAnswered={(text) => {
              setMessage(text);
              invitations.reload();
              teams.reload();
            }}
          />
        ) : null}
      </section>
      <section aria-labelledby="teams-list">
        <h2 id="teams-list" className="section-title">
          {t("teams.listTitle")}
        </h2>
        {teams.status === "loading" ? <Loading /> : null}
        {teams.status === "error" ? <LoadError error={teams.error} httpStatus={teams.httpStatus} onRetry={teams.reload} /> : null}
        {teams.status === "ok" ? <TeamCards items={teams.data.items} /> : null}
      </section>
      <CreateTeam />
    </>
  );
}

function TeamCards({ items }: { items: Team[] }) {
  const { t } = useI18n();
  if (items.length === 0) return <p className="empty">{t("teams.empty")}</p>;
  return (
    <ul className="card-grid">
      {items.map((team) => (
        <li key={team.id} className="card card-link">
          <h3 className="card-title">
            <Link to={`/teams/${team.id}`}>{team.name}</Link>
          </h3>
          <p>
            <span className="kind-badge">{t(`teamKind.${team.kind}`)}</span> {team.agency.name}
          </p>
          <p>
            {t("teams.memberCount", { count: team.memberCount })} · {t("teams.myRole", { role: t(`teamRole.${team.myRole}`) })}
          </p>
        </li>
      ))}
    </ul>
  );
}

function InvitationList({ items, onAnswered }: { items: TeamInvitation[]; onAnswered: (message: string) => void }) {
  const { t, formatDate } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const answer = async (invitation: TeamInvitation, accept: boolean) => {
    setBusy(invitation.id);
    setError(null);
    try {
      const path = accept
        ? "/api/v1/team-invitations/{invitationId}/accept"
        : "/api/v1/team-invitations/{invitationId}/decline";
      const { error: problem, response } = await api.POST(path, { params: { path: { invitationId: invitation.id } } });
      if (response.ok) {
        onAnswered(t(accept ? "teams.accepted" : "teams.declined", { team: invitation.team.name }));
      } else {
        setError(problemToFormErrors(problem, [], t("common.errorUnknown")).summary);
      }
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(null);
    }
  };

  if (items.length === 0) return <p className="empty">{t("teams.invitationsEmpty")}</p>;
  return (
    <>
      {error ? (
        <div className="error-summary" role="alert">
          <p className="error-summary-title">{error}</p>
        </div>
      ) : null}
      <ul className="plain-list">
        {items.map((inv) => (
          <li key={inv.id} className="list-row">
            <div>
              <strong>{inv.team.name}</strong> <span className="kind-badge">{t(`teamKind.${inv.team.kind}`)}</span>
              {inv.team.agency ? <span className="muted"> · {inv.team.agency.name}</span> : null}
              <p className="muted">{t("teams.invitationFrom", { name: inv.invitedBy, date: formatDate(inv.createdAt) })}</p>
            </div>
            <div className="row-actions">
              <button
                type="button"
                className="krds-btn primary small"
                disabled={busy !== null}
                aria-label={t("teams.acceptLabel", { team: inv.team.name })}
                onClick={() => answer(inv, true)}
              >
                {t("teams.accept")}
              </button>
              <button
                type="button"
                className="krds-btn secondary small"
                disabled={busy !== null}
                aria-label={t("teams.declineLabel", { team: inv.team.name })}
                onClick={() => answer(inv, false)}
              >
                {t("teams.decline")}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

type CreateField = "name" | "kind" | "description";

function CreateTeam() {
  const { t } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const [form, setForm] = useState<{ name: string; kind: TeamKind | ""; description: string }>({
    name: "",
    kind: "",
    description: "",
  });
  const [busy, setBusy] = useState(false);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<CreateField>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: FormErrors<CreateField>["fields"] = {};
    if (!form.name.trim()) fields.name = t("teams.nameRequired");
    if (!form.kind) fields.kind = t("teams.kindRequired");
    if (!form.kind || Object.keys(fields).length > 0) {
      report({ summary: t("common.errorSummary"), fields, other: [] });
      return;
    }
    setBusy(true);
    clear();
    try {
      const { data, error } = await api.POST("/api/v1/teams", {
        body: {
          name: form.name.trim(),
          kind: form.kind,
          ...(form.description.trim() ? { description: form.description.trim() } : {}),
        },
      });
      if (data) {
        navigate(`/teams/${data.id}`);
        return;
      }
      report(problemToFormErrors(error, ["name", "kind", "description"], t("common.errorUnknown")));
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="teams-create">
      <h2 id="teams-create" className="section-title">
        {t("teams.createTitle")}
      </h2>
      <p className="muted section-lead">{t("teams.createHint")}</p>
      <form ref={formRef} className="stack-form" noValidate onSubmit={submit} aria-busy={busy}>
        <ErrorSummary errors={errors} summaryRef={summaryRef} />
        <div className="grid-form">
          <TextField id="team-name" label={t("teams.field.name")} required maxLength={100} autoComplete="off"
            value={form.name} onValue={(name) => setForm((f) => ({ ...f, name }))} error={errors.fields.name} />
          <SelectField id="team-kind" label={t("teams.field.kind")} required value={form.kind}
            onValue={(kind) => setForm((f) => ({ ...f, kind: kind as TeamKind | "" }))} error={errors.fields.kind}>
            <option value="">{t("teams.field.kindPlaceholder")}</option>
            {TEAM_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`teamKind.${kind}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <TextAreaField id="team-description" label={t("teams.field.description")} optional maxLength={1000} rows={3}
          value={form.description} onValue={(description) => setForm((f) => ({ ...f, description }))}
          error={errors.fields.description} />
        <div className="form-actions">
          <SubmitButton busy={busy} label={t("teams.create")} busyLabel={t("teams.creating")} />
        </div>
      </form>
    </section>
  );
}
