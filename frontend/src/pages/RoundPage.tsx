import { useCallback, useMemo, useState, type FormEvent } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { problemToFormErrors, type FormErrors } from "../api/problem";
import type { Round, Team } from "../api/types";
import { useApi } from "../app/context";
import { RoundStatusBadge } from "../components/badges";
import { ErrorSummary, SelectField, SubmitButton, TextField, useFormErrors } from "../components/forms";
import { LoadError, Loading, Notice, PageHeader } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { useI18n } from "../i18n/I18nProvider";
import { formatKrw } from "../lib/krw";
import { formatSeoulDateTime } from "../lib/seoul";
import { DeadlineBadge, useNow } from "./RoundsPage";
import { TableWrap } from "../components/TableWrap";

export function RoundPage() {
  const { roundId = "" } = useParams();
  const api = useApi();
  const load = useCallback(() => api.GET("/api/v1/rounds/{roundId}", { params: { path: { roundId } } }), [api, roundId]);
  const round = useLoad(load);
  if (round.status === "loading") return <Loading />;
  if (round.status === "error") return <LoadError error={round.error} httpStatus={round.httpStatus} onRetry={round.reload} />;
  return <RoundDetail round={round.data} />;
}

export function ScheduleList({ round }: { round: Round }) {
  const { t, language } = useI18n();
  const rows = [
    ["rounds.opensAt", round.schedule.submissionOpensAt],
    ["rounds.closesAt", round.schedule.submissionClosesAt],
    ["rounds.judgingClosesAt", round.schedule.judgingClosesAt],
    ["rounds.resultsAt", round.schedule.resultsAnnouncedAt],
  ] as const;
  return (
    <>
      <dl className="detail-list schedule-list">
        {rows.map(([key, at]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>
              <time dateTime={at}>{formatSeoulDateTime(at, language)}</time>
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted small-note">{t("round.kstNote")}</p>
    </>
  );
}

function RoundDetail({ round }: { round: Round }) {
  const { t, language } = useI18n();
  const now = useNow();
  return (
    <>
      <PageHeader title={round.title}>
        <div className="badge-row">
          <RoundStatusBadge status={round.status} />
          {round.status === "open" ? <DeadlineBadge closesAt={round.schedule.submissionClosesAt} now={now} /> : null}
          {!round.published ? <span className="status-badge unpublished">{t("rounds.unpublished")}</span> : null}
        </div>
        <dl className="detail-list compact">
          <div>
            <dt>{t("rounds.award")}</dt>
            <dd>{round.awardName}</dd>
          </div>
          <div>
            <dt>{t("rounds.host")}</dt>
            <dd>{round.hostAgency.name}</dd>
          </div>
        </dl>
        {round.canManage ? (
          <p className="button-row">
            <Link className="krds-btn secondary medium" to={`/organizer/rounds/${round.id}`}>
              {t("round.manage")}
            </Link>
          </p>
        ) : null}
      </PageHeader>

      {round.status === "open" && round.published ? <StartCase round={round} /> : null}

      {round.description ? (
        <section aria-labelledby="round-description">
          <h2 id="round-description" className="section-title">
            {t("round.description")}
          </h2>
          <p className="prose">{round.description}</p>
        </section>
      ) : null}

      <section aria-labelledby="round-schedule">
        <h2 id="round-schedule" className="section-title">
          {t("round.schedule")}
        </h2>
        <ScheduleList round={round} />
      </section>

      <div className="two-columns">
        <section className="panel" aria-labelledby="round-categories">
          <h2 id="round-categories" className="section-title">
            {t("round.categories")}
          </h2>
          <ul className="chip-list">
            {round.categories.map((c) => (
              <li key={c.id} className="chip">
                {c.name}
              </li>
            ))}
          </ul>
        </section>
        <section className="panel" aria-labelledby="round-eligible">
          <h2 id="round-eligible" className="section-title">
            {t("round.eligible")}
          </h2>
          <ul className="chip-list">
            {round.eligibleTeamKinds.map((kind) => (
              <li key={kind} className="chip">
                {t(`teamKind.${kind}`)}
              </li>
            ))}
          </ul>
        </section>
      </div>

      <section aria-labelledby="round-tiers">
        <h2 id="round-tiers" className="section-title">
          {t("round.tiers")}
        </h2>
        {round.awardTiers.length === 0 ? (
          <p className="empty">{t("round.noTiers")}</p>
        ) : (
          <TableWrap label={t("round.tiersCaption")} className="narrow-table">
            <table className="tbl col data">
              <caption>{t("round.tiersCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("round.col.tier")}</th>
                  <th scope="col">{t("round.col.count")}</th>
                  <th scope="col">{t("round.col.prize")}</th>
                </tr>
              </thead>
              <tbody>
                {round.awardTiers.map((tier) => (
                  <tr key={tier.id}>
                    <th scope="row">{tier.name}</th>
                    <td>{t("round.tierCount", { count: tier.count })}</td>
                    <td className="num">{formatKrw(tier.prizeKrw, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section aria-labelledby="round-agencies">
        <h2 id="round-agencies" className="section-title">
          {t("round.agencies")}
          {round.includeSubAgencies ? <span className="muted"> ({t("round.includeSub")})</span> : null}
        </h2>
        <ul className="chip-list">
          {round.participatingAgencies.map((a) => (
            <li key={a.id} className="chip">
              {a.name}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

type StartField = "teamId" | "title";

function StartCase({ round }: { round: Round }) {
  const { t } = useI18n();
  const api = useApi();
  const navigate = useNavigate();
  const loadTeams = useCallback(() => api.GET("/api/v1/teams"), [api]);
  const teams = useLoad(loadTeams);
  const eligible = useMemo<Team[]>(
    () =>
      teams.status === "ok"
        ? teams.data.items.filter((team) => team.myRole !== "none" && round.eligibleTeamKinds.includes(team.kind))
        : [],
    [teams, round.eligibleTeamKinds],
  );
  const [teamId, setTeamId] = useState("");
  const [title, setTitle] = useState("");
  const [busy, setBusy] = useState(false);
  const { errors, report, clear, formRef, summaryRef } = useFormErrors<StartField>();
  const chosen = teamId || (eligible.length === 1 ? (eligible[0]?.id ?? "") : "");

  if (teams.status === "loading") return <Loading />;
  if (teams.status === "error") return <LoadError error={teams.error} httpStatus={teams.httpStatus} onRetry={teams.reload} />;
  if (teams.data.items.length === 0) return null; // not a team member: nothing to start
  if (eligible.length === 0) {
    return (
      <Notice>
        <p>{t("round.noEligibleTeam", { kinds: round.eligibleTeamKinds.map((k) => t(`teamKind.${k}`)).join(", ") })}</p>
      </Notice>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fields: FormErrors<StartField>["fields"] = {};
    if (!chosen) fields.teamId = t("round.teamRequired");
    if (!title.trim()) fields.title = t("round.titleRequired");
    if (Object.keys(fields).length > 0) {
      report({ summary: t("common.errorSummary"), fields, other: [] });
      return;
    }
    setBusy(true);
    clear();
    try {
      const { data, error } = await api.POST("/api/v1/rounds/{roundId}/cases", {
        params: { path: { roundId: round.id } },
        body: { teamId: chosen, title: title.trim() },
      });
      if (data) {
        navigate(`/cases/${data.id}/edit`);
        return;
      }
      report(problemToFormErrors(error, ["teamId", "title"], t("common.errorUnknown")));
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel panel-accent" aria-labelledby="round-start">
      <h2 id="round-start" className="section-title">
        {t("round.startTitle")}
      </h2>
      <p className="muted section-lead">{t("round.startIntro")}</p>
      <form ref={formRef} className="stack-form" noValidate onSubmit={submit} aria-busy={busy}>
        <ErrorSummary errors={errors} summaryRef={summaryRef} />
        <div className="grid-form">
          <SelectField id="start-team" label={t("round.team")} required value={chosen} onValue={setTeamId} error={errors.fields.teamId}>
            <option value="">{t("round.teamPlaceholder")}</option>
            {eligible.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name} ({t(`teamKind.${team.kind}`)})
              </option>
            ))}
          </SelectField>
          <TextField id="start-title" label={t("round.caseTitle")} required maxLength={100} autoComplete="off"
            value={title} onValue={setTitle} error={errors.fields.title} />
        </div>
        <div className="form-actions">
          <SubmitButton busy={busy} label={t("round.start")} busyLabel={t("round.starting")} />
        </div>
      </form>
    </section>
  );
}
