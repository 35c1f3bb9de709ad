import { useCallback, useRef, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import type { Round } from "../../../api/types";
import { useApi } from "../../../app/context";
import { Dialog } from "../../../components/Dialog";
import { StatusMessage } from "../../../components/forms";
import { LoadError, Loading, Notice, PageHeader } from "../../../components/Page";
import { useLoad } from "../../../components/useLoad";
import { useI18n } from "../../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../../lib/seoul";
import { DeadlineBadge, useNow } from "../../RoundsPage";
import { formatScore } from "../../judging/format";
import type { Stage } from "../../judging/types";
import { problemText, StageKindBadge, StageStatusBadge, Tabs } from "../../judging/ui";
import { AssignmentsPanel } from "./AssignmentsPanel";
import { CitizenPanel } from "./CitizenPanel";
import { JudgesPanel } from "./JudgesPanel";
import { ProgressPanel } from "./ProgressPanel";
import { ResultsPanel } from "./ResultsPanel";
import { StageSettings } from "./StageSettings";
import { VotePanel } from "./VotePanel";

const TAB_IDS = ["judges", "assignments", "progress", "results", "panel", "vote"] as const;
type TabId = (typeof TAB_IDS)[number];

function defaultTab(stage: Stage): TabId {
  if (stage.status === "setup") return "judges";
  if (stage.status === "open") return "progress";
  return "results";
}

/** `/organizer/stages/:stageId`: judges, assignments, progress and results of one stage. */
export function StagePage() {
  const { stageId = "" } = useParams();
  const api = useApi();
  const loadStage = useCallback(() => api.GET("/api/v1/stages/{stageId}", { params: { path: { stageId } } }), [api, stageId]);
  const stage = useLoad(loadStage);
  if (stage.status === "loading") return <Loading />;
  if (stage.status === "error") return <LoadError error={stage.error} httpStatus={stage.httpStatus} onRetry={stage.reload} />;
  return <StageWithRound stage={stage.data} reload={stage.reload} />;
}

function StageWithRound({ stage, reload }: { stage: Stage; reload: () => void }) {
  const api = useApi();
  const roundId = stage.roundId;
  const loadRound = useCallback(() => api.GET("/api/v1/rounds/{roundId}", { params: { path: { roundId } } }), [api, roundId]);
  const round = useLoad(loadRound);
  if (round.status === "loading") return <Loading />;
  if (round.status === "error") return <LoadError error={round.error} httpStatus={round.httpStatus} onRetry={round.reload} />;
  return <StageView key={stage.id} initial={stage} round={round.data} reload={reload} />;
}

function StageView({ initial, round }: { initial: Stage; round: Round; reload: () => void }) {
  const { t, language } = useI18n();
  const api = useApi();
  const now = useNow();
  const [stage, setStage] = useState(initial);
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<"open" | "close" | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  // Bumped after open/close so the panels read fresh data.
  const [generation, setGeneration] = useState(0);
  const [editing, setEditing] = useState(false);
  const errorRef = useRef<HTMLDivElement | null>(null);
  const setJudgeCount = useCallback((judgeCount: number) => setStage((s) => (s.judgeCount === judgeCount ? s : { ...s, judgeCount })), []);
  // The panel's and the vote's shares limit each other, so each tab reads the other's latest.
  const setPanelShare = useCallback((panelShare: number) => setStage((s) => ({ ...s, panelShare })), []);
  const setVoteShare = useCallback((voteShare: number) => setStage((s) => ({ ...s, voteShare })), []);
  const requested = params.get("tab");
  const tab: TabId = (TAB_IDS as readonly string[]).includes(requested ?? "") ? (requested as TabId) : defaultTab(stage);

  const act = async (action: "open" | "close") => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const path = action === "open" ? "/api/v1/stages/{stageId}/open" : "/api/v1/stages/{stageId}/close";
      const { data, error: problem } = await api.POST(path, { params: { path: { stageId: stage.id } } });
      setDialog(null);
      if (data) {
        setStage(data);
        setGeneration((g) => g + 1);
        setMessage(action === "open" ? t("stagePage.opened", { count: data.caseCount }) : t("stagePage.closed"));
        setParams({ tab: action === "open" ? "assignments" : "results" }, { replace: true });
        return;
      }
      setError(problemText(t, problem));
      requestAnimationFrame(() => errorRef.current?.focus());
    } catch {
      setDialog(null);
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(false);
    }
  };

  const tabs = TAB_IDS.map((id) => ({ id, label: t(`stagePage.tab.${id}`) }));
  return (
    <>
      <PageHeader title={stage.name} lead={round.title}>
        <p className="back-link">
          <Link to={`/organizer/rounds/${round.id}/judging`}>{t("stagePage.back")}</Link>
        </p>
        <div className="badge-row">
          <StageStatusBadge status={stage.status} />
          <StageKindBadge kind={stage.kind} />
          {stage.blind ? <span className="status-badge blind-badge">{t("judging.blind")}</span> : null}
          {stage.status !== "closed" ? <DeadlineBadge closesAt={stage.scoringClosesAt} now={now} /> : null}
        </div>
        <dl className="detail-list compact">
          <div>
            <dt>{t("stagePage.deadline")}</dt>
            <dd>{formatSeoulDateTime(stage.scoringClosesAt, language)}</dd>
          </div>
          <div>
            <dt>{t("stagePage.counts")}</dt>
            <dd>{t("stagePage.countsValue", { cases: stage.caseCount, judges: stage.judgeCount })}</dd>
          </div>
          <div>
            <dt>{t("stagePage.share")}</dt>
            <dd>{stage.finalShare > 0 ? t("stages.shareValue", { share: formatScore(stage.finalShare, language) }) : t("stagePage.shareNone")}</dd>
          </div>
          <div>
            <dt>{t("stagePage.rubric")}</dt>
            <dd>
              {stage.criteria.map((c) => `${c.name} ${formatScore(c.weight, language)}`).join(" · ")}
            </dd>
          </div>
          {stage.openedAt ? (
            <div>
              <dt>{t("stagePage.openedAt")}</dt>
              <dd>{formatSeoulDateTime(stage.openedAt, language)}</dd>
            </div>
          ) : null}
          {stage.closedAt ? (
            <div>
              <dt>{t("stagePage.closedAt")}</dt>
              <dd>{formatSeoulDateTime(stage.closedAt, language)}</dd>
            </div>
          ) : null}
        </dl>
        <p className="button-row">
          {stage.status === "setup" ? (
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={() => setDialog("open")}>
              {t("stagePage.open")}
            </button>
          ) : null}
          {stage.status === "open" ? (
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={() => setDialog("close")}>
              {t("stagePage.close")}
            </button>
          ) : null}
          {stage.status === "closed" ? (
            <Link className="krds-btn secondary medium" to={`/organizer/rounds/${round.id}/results`}>
              {t("judging.results")}
            </Link>
          ) : (
            <button type="button" className="krds-btn tertiary medium" aria-expanded={editing} aria-controls="stage-settings"
              onClick={() => {
                setEditing((v) => !v);
                setMessage(null);
              }}>
              {t("stageSettings.open")}
            </button>
          )}
        </p>
      </PageHeader>
      {editing && stage.status !== "closed" ? (
        <StageSettings
          stage={stage}
          onCancel={() => setEditing(false)}
          onSaved={(saved) => {
            setStage(saved);
            setEditing(false);
            setMessage(t("stageSettings.saved"));
          }}
        />
      ) : null}
      {error ? (
        <div className="error-summary" role="alert" tabIndex={-1} ref={errorRef}>
          <p className="error-summary-title">{error}</p>
        </div>
      ) : null}
      <StatusMessage>{message}</StatusMessage>
      {stage.status === "setup" ? (
        <Notice>
          <p>{t("stagePage.setupNote")}</p>
        </Notice>
      ) : null}

      <Tabs idBase="stage" label={t("stagePage.tabs")} tabs={tabs} selected={tab} onSelect={(id) => setParams({ tab: id }, { replace: true })}>
        {tab === "judges" ? <JudgesPanel key={generation} stage={stage} onJudgeCount={setJudgeCount} /> : null}
        {tab === "assignments" ? <AssignmentsPanel key={generation} stage={stage} /> : null}
        {tab === "progress" ? <ProgressPanel key={generation} stage={stage} /> : null}
        {tab === "results" ? <ResultsPanel key={generation} stage={stage} /> : null}
        {tab === "panel" ? <CitizenPanel key={generation} stage={stage} onPanelShare={setPanelShare} /> : null}
        {tab === "vote" ? <VotePanel key={generation} stage={stage} onVoteShare={setVoteShare} /> : null}
      </Tabs>

      <Dialog
        open={dialog !== null}
        busy={busy}
        title={dialog === "open" ? t("stagePage.openDialog.title") : t("stagePage.closeDialog.title")}
        onClose={() => setDialog(null)}
        actions={
          <>
            <button type="button" className="krds-btn primary medium" disabled={busy} onClick={() => dialog && act(dialog)}>
              {dialog === "open" ? t("stagePage.open") : t("stagePage.close")}
            </button>
            <button type="button" className="krds-btn secondary medium" disabled={busy} onClick={() => setDialog(null)}>
              {t("common.cancel")}
            </button>
          </>
        }
      >
        <p>{dialog === "open" ? t("stagePage.openDialog.body") : t("stagePage.closeDialog.body")}</p>
      </Dialog>
    </>
  );
}
