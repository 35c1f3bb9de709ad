import { useEffect, useMemo, useRef, useState } from "react";
import { useApi } from "../../app/context";
import { useI18n } from "../../i18n/I18nProvider";
import { SimilarList } from "../archive/ArchiveCasePage";
import type { SimilarCase } from "../archive/types";

const clip = (text: string, max: number) => Array.from(text.trim()).slice(0, max).join("");

/** The POST /archive/similar body for the draft, within the API's limits (undefined fields are left out). */
export function similarDraftBody(draft: { title: string; summary: string; problem: string; solution: string; category?: string | undefined }) {
  return {
    title: clip(draft.title, 100),
    summary: clip(draft.summary, 300) || undefined,
    problem: clip(draft.problem, 20000) || undefined,
    solution: clip(draft.solution, 20000) || undefined,
    category: draft.category ? clip(draft.category, 50) : undefined,
  };
}

type State = { status: "idle" } | { status: "loading" } | { status: "ok"; items: SimilarCase[] } | { status: "error" };

/**
 * 비슷한 수상 사례 next to the editor: 2 s after the title, summary, problem, solution or
 * category last changed (and once the title has two characters), asks the archive for up to
 * five similar winners. Links open in a new tab so the draft stays open.
 */
export function SimilarCasesPanel({
  title,
  summary,
  problem,
  solution,
  category,
  delayMs = 2000,
}: {
  title: string;
  summary: string;
  problem: string;
  solution: string;
  category?: string | undefined;
  delayMs?: number;
}) {
  const { t } = useI18n();
  const api = useApi();
  const [state, setState] = useState<State>({ status: "idle" });
  const body = useMemo(
    () => similarDraftBody({ title, summary, problem, solution, category }),
    [title, summary, problem, solution, category],
  );
  const key = JSON.stringify(body);
  const asked = useRef("");
  const seq = useRef(0);

  useEffect(() => {
    if (Array.from(body.title).length < 2 || key === asked.current) return;
    const timer = setTimeout(() => {
      asked.current = key;
      const id = ++seq.current;
      setState((s) => (s.status === "ok" ? s : { status: "loading" }));
      api.POST("/api/v1/archive/similar", { body }).then(
        ({ data }) => {
          if (id === seq.current) setState(data ? { status: "ok", items: data.items.slice(0, 5) } : { status: "error" });
        },
        () => {
          if (id === seq.current) setState({ status: "error" });
        },
      );
    }, delayMs);
    return () => clearTimeout(timer);
    // `body` changes exactly when `key` does.
  }, [api, key, body, delayMs]);

  return (
    <section className="panel similar-panel" aria-labelledby="case-similar">
      <h2 id="case-similar" className="section-title">
        {t("archive.similarDraft.title")}
      </h2>
      <p className="form-hint section-lead">{t("archive.similarDraft.lead")}</p>
      {state.status === "idle" ? <p className="muted">{t("archive.similarDraft.idle")}</p> : null}
      {state.status === "loading" ? <p className="muted">{t("archive.similarDraft.loading")}</p> : null}
      {state.status === "error" ? <p className="muted">{t("archive.similarDraft.error")}</p> : null}
      {state.status === "ok" ? <SimilarList items={state.items} newTab /> : null}
    </section>
  );
}
