import { useState, type FormEvent } from "react";
import { useApi } from "../../../app/context";
import { useI18n } from "../../../i18n/I18nProvider";
import { agencyLine, JUDGE_FIELDS } from "../../judging/judgeProfile";
import type { JudgeDirectoryEntry, JudgeField, Stage, StageJudge } from "../../judging/types";
import { problemText } from "../../judging/ui";
import "../../judging/directory.css";

const PAGE = 10;

/**
 * 심사위원 인력풀: the listed judges of every agency, searched by words and field, each
 * appointed to the stage with one button. The server decides internal or external from the
 * judge's real agency, which also decides their conflicts.
 */
export function DirectoryPanel({ stage, current, onAdded }: { stage: Stage; current: readonly string[]; onAdded: (judge: StageJudge) => void }) {
  const { t } = useI18n();
  const api = useApi();
  const [q, setQ] = useState("");
  const [field, setField] = useState<JudgeField | "">("");
  const [items, setItems] = useState<JudgeDirectoryEntry[] | null>(null);
  const [next, setNext] = useState<string | undefined>(undefined);
  const [searched, setSearched] = useState<{ q: string; field: JudgeField | "" }>({ q: "", field: "" });
  const [busy, setBusy] = useState<"search" | "more" | null>(null);
  const [appointing, setAppointing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fetchPage = async (terms: { q: string; field: JudgeField | "" }, cursor?: string) => {
    const query: { q?: string; field?: JudgeField; cursor?: string; limit: number } = { limit: PAGE };
    if (terms.q) query.q = terms.q;
    if (terms.field) query.field = terms.field;
    if (cursor) query.cursor = cursor;
    return api.GET("/api/v1/judge-directory", { params: { query } });
  };

  const search = async (event: FormEvent) => {
    event.preventDefault();
    const terms = { q: q.trim(), field };
    setBusy("search");
    setError(null);
    try {
      const { data, error: problem } = await fetchPage(terms);
      if (data) {
        setItems(data.items);
        setNext(data.nextCursor);
        setSearched(terms);
      } else setError(problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(null);
    }
  };

  const more = async () => {
    if (!next) return;
    setBusy("more");
    setError(null);
    try {
      const { data, error: problem } = await fetchPage(searched, next);
      if (data) {
        setItems((have) => [...(have ?? []), ...data.items.filter((e) => !(have ?? []).some((h) => h.userId === e.userId))]);
        setNext(data.nextCursor);
      } else setError(problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setBusy(null);
    }
  };

  const appoint = async (entry: JudgeDirectoryEntry) => {
    setAppointing(entry.userId);
    setError(null);
    try {
      const { data, error: problem } = await api.POST("/api/v1/stages/{stageId}/judges", {
        params: { path: { stageId: stage.id } },
        body: { userId: entry.userId },
      });
      if (data) onAdded(data);
      else setError(problemText(t, problem));
    } catch {
      setError(t("common.errorNetwork"));
    } finally {
      setAppointing(null);
    }
  };

  return (
    <section className="panel judge-directory" aria-labelledby="judge-directory-title">
      <h3 id="judge-directory-title" className="section-title">
        {t("directory.title")}
      </h3>
      <p className="small-note">{t("directory.intro")}</p>
      <form className="directory-search" role="search" aria-labelledby="judge-directory-title" noValidate onSubmit={search}>
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="directory-q">{t("directory.q")}</label>
          </div>
          <div className="form-conts">
            <input id="directory-q" className="krds-input" type="search" maxLength={100} value={q} aria-describedby="directory-q-hint"
              onChange={(event) => setQ(event.target.value)} />
          </div>
          <p className="form-hint" id="directory-q-hint">
            {t("directory.qHint")}
          </p>
        </div>
        <div className="form-group">
          <div className="form-tit">
            <label htmlFor="directory-field">{t("directory.field")}</label>
          </div>
          <div className="form-conts">
            <select id="directory-field" className={`krds-form-select${field ? " completed" : ""}`} value={field}
              onChange={(event) => setField(event.target.value as JudgeField | "")}>
              <option value="">{t("directory.allFields")}</option>
              {JUDGE_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {t(`judgeField.${f}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="form-actions">
          <button type="submit" className="krds-btn secondary medium" disabled={busy !== null}>
            {busy === "search" ? t("directory.searching") : t("directory.search")}
          </button>
        </div>
      </form>
      {error ? (
        <p className="form-hint-invalid" role="alert">
          {error}
        </p>
      ) : null}
      {items !== null ? (
        items.length === 0 ? (
          <p className="empty" role="status">
            {t("directory.empty")}
          </p>
        ) : (
          <ul className="directory-results" aria-label={t("directory.resultsLabel")}>
            {items.map((e) => {
              const onStage = current.includes(e.userId);
              return (
                <li key={e.userId} className="directory-entry" aria-labelledby={`directory-${e.userId}`}>
                  <div className="entry-body">
                    <h4 id={`directory-${e.userId}`}>{e.displayName}</h4>
                    <p>
                      {agencyLine(e.affiliation)} <span className="muted">({t(`agencyLevel.${e.affiliation.agencyLevel}`)})</span>
                      {e.affiliation.note ? <span className="muted"> · {e.affiliation.note}</span> : null}
                    </p>
                    <ul className="field-chips" aria-label={t("judgeProfile.fields")}>
                      {e.fields.map((f) => (
                        <li key={f}>{t(`judgeField.${f}`)}</li>
                      ))}
                    </ul>
                    {e.keywords.length > 0 ? <p className="muted">{e.keywords.map((k) => `#${k}`).join(" ")}</p> : null}
                    {e.bio ? <p>{e.bio}</p> : null}
                    <p className="muted">
                      {t("directory.stagesJudged", { count: e.stagesJudged })} ·{" "}
                      {e.email ? <a href={`mailto:${e.email}`}>{e.email}</a> : t("directory.noContact")}
                    </p>
                  </div>
                  <div>
                    {onStage ? (
                      <span className="muted">{t("directory.onStage")}</span>
                    ) : (
                      <button type="button" className="krds-btn primary small" disabled={appointing !== null}
                        aria-label={t("directory.appointLabel", { name: e.displayName })} onClick={() => appoint(e)}>
                        {appointing === e.userId ? t("directory.appointing") : t("directory.appoint")}
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
        )
      ) : null}
      {items !== null && next ? (
        <div className="form-actions">
          <button type="button" className="krds-btn tertiary medium" disabled={busy !== null} onClick={more}>
            {busy === "more" ? t("directory.loadingMore") : t("directory.more")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
