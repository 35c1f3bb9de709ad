import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { isProblem } from "../../api/problem";
import { useApi, useSession } from "../../app/context";
import { LoadError, PageHeader } from "../../components/Page";
import { useCursorList } from "../../components/useCursorList";
import { useI18n } from "../../i18n/I18nProvider";
import type { Translate } from "../../i18n/translate";
import { ARCHIVE_IMPORT, canSee, rolesOf } from "../../nav";
import { filterValueLabel } from "./labels";
import { ResultCard } from "./parts";
import {
  activeFilters,
  effectiveSort,
  FILTERS,
  parseQuery,
  QUERY_MAX,
  queryToParams,
  toApiParams,
  withFilter,
  type ArchiveQuery,
  type FilterDef,
  type FilterKey,
  type Sort,
} from "./searchQuery";
import type { ArchiveFacets, ArchiveSummary, FacetValue } from "./types";
import "./archive.css";

type Results = {
  /** The address query these results answer. */
  key: string;
  items: ArchiveSummary[];
  total: number;
  /** The total and facet counts are estimates from a sample of a very large result. */
  approximate: boolean;
  facets: ArchiveFacets;
  nextCursor: string | undefined;
};

/** Words to try when nothing is found. */
const SUGGESTED = ["민원", "안전", "복지", "디지털", "협업"];

/** The message for a failed search or "더 보기", in the UI language. */
export function searchErrorMessage(error: unknown, httpStatus: number | null, t: Translate): string {
  if (isProblem(error) && error.code === "invalid_cursor") return t("archive.error.cursor");
  if (httpStatus === null && !isProblem(error)) return t("common.errorNetwork");
  if (isProblem(error)) return error.detail ?? error.title ?? t("archive.error.search");
  return t("archive.error.search");
}

/** `/archive`: public search of the winning cases, with facets, sorts and "더 보기". */
export function ArchiveSearchPage() {
  const { t } = useI18n();
  const api = useApi();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const key = queryToParams(parseQuery(params)).toString();
  const query = useMemo(() => parseQuery(new URLSearchParams(key)), [key]);

  const [announcement, setAnnouncement] = useState("");
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const listRef = useRef<HTMLOListElement | null>(null);
  // Names of agencies seen in facets, for the chip of an agency filter.
  const agencyNames = useRef(new Map<string, string>());

  const fetchPage = useCallback(
    async (cursor?: string) => {
      const forKey = queryToParams(query).toString();
      const { data, error, response } = await api.GET("/api/v1/archive/cases", { params: { query: toApiParams(query, cursor) } });
      if (data) for (const f of data.facets.agency) agencyNames.current.set(f.value, f.label);
      return { data: data ? { ...data, key: forKey } : undefined, error, response };
    },
    // `t` too: a language switch searches again, so the server's labels and messages follow it.
    [api, query, t],
  );
  // The previous results stay (marked busy) while another search runs.
  const list = useCursorList(fetchPage, (d) => d.items, { keepPrevious: true });
  const state = list;
  const results: Results | null =
    list.status === "ok"
      ? {
          key: list.data.key, items: list.items, total: list.data.total, approximate: list.data.approximate ?? false,
          facets: list.data.facets, nextCursor: list.data.nextCursor,
        }
      : null;

  useEffect(() => {
    if (list.busy || list.status !== "ok") return;
    setAnnouncement(t(list.data.approximate ? "archive.resultsCountApprox" : "archive.resultsCount", { count: list.data.total }));
    // Only when a search (not a page more) has arrived.
  }, [list.busy]);

  useEffect(() => {
    if (focusFrom === null) return;
    const links = listRef.current?.querySelectorAll<HTMLAnchorElement>(".archive-result-title a");
    links?.[focusFrom]?.focus();
    setFocusFrom(null);
  }, [focusFrom]);

  const go = (next: ArchiveQuery) => setParams(queryToParams(next));

  const loadMore = async () => {
    if (!results) return;
    const shown = results.items.length;
    const added = await list.loadMore();
    if (added > 0) {
      setAnnouncement(t("archive.moreLoaded", { count: added, shown: shown + added, total: results.total }));
      setFocusFrom(shown);
    }
  };
  const moreFailure = list.more.failure;
  const more = {
    busy: list.more.busy,
    error: moreFailure ? searchErrorMessage(moreFailure.error, moreFailure.httpStatus, t) : null,
    canRestart: moreFailure !== null && isProblem(moreFailure.error) && moreFailure.error.code === "invalid_cursor",
  };
  const busy = list.busy;

  const roles = session.status === "authenticated" ? rolesOf(session.user) : [];
  const sort = effectiveSort(query);
  const active = activeFilters(query);

  return (
    <>
      <PageHeader title={t("archive.title")} lead={t("archive.lead")}>
        <SearchBox query={query} onSearch={(q) => go({ ...query, q })} />
        {session.status === "authenticated" && canSee(ARCHIVE_IMPORT, roles) ? (
          <p className="button-row">
            <Link className="krds-btn tertiary small" to={ARCHIVE_IMPORT.path}>
              {t("archive.importLink")}
            </Link>
          </p>
        ) : null}
      </PageHeader>

      <div className="sr-only" role="status" aria-live="polite" aria-atomic="true">
        {announcement}
      </div>

      <div className="archive-layout">
        <FilterPanel
          query={query}
          facets={results?.facets ?? null}
          loading={state.status === "loading"}
          agencyNames={agencyNames.current}
          onFilter={(filterKey, value) => go(withFilter(query, filterKey, value))}
        />

        <section className={`archive-results${busy && results ? " is-busy" : ""}`} aria-labelledby="archive-results-title" aria-busy={busy}
          data-results-for={results?.key}>
          <div className="results-head">
            <h2 id="archive-results-title" className="section-title results-count">
              {results
                ? t(results.approximate ? "archive.resultsCountApprox" : "archive.resultsCount", { count: results.total })
                : t("archive.results")}
            </h2>
            <div className="sort-field">
              <label htmlFor="archive-sort">{t("archive.sort.label")}</label>
              <select id="archive-sort" className="krds-form-select completed" value={sort}
                onChange={(event) => go({ ...query, sort: event.target.value as Sort })}>
                {query.q ? <option value="relevance">{t("archive.sort.relevance")}</option> : null}
                <option value="newest">{t("archive.sort.newest")}</option>
                <option value="most_adopted">{t("archive.sort.most_adopted")}</option>
              </select>
            </div>
          </div>

          {active.length > 0 ? (
            <ActiveFilters query={query} facets={results?.facets ?? null} agencyNames={agencyNames.current} onQuery={go} />
          ) : null}

          {state.status === "loading" ? (
            <p className="loading" role="status">
              <span className="spinner" aria-hidden="true" />
              {t("archive.searching")}
            </p>
          ) : null}
          {state.status === "error" ? (
            isProblem(state.error) && state.error.code !== "invalid_cursor" ? (
              <LoadError error={state.error} httpStatus={state.httpStatus} onRetry={list.reload} />
            ) : (
              <div className="notice notice-danger">
                <p>{searchErrorMessage(state.error, state.httpStatus, t)}</p>
                <button type="button" className="krds-btn secondary small" onClick={list.reload}>
                  {t("common.retry")}
                </button>
              </div>
            )
          ) : null}

          {results && results.items.length === 0 ? <EmptyResults query={query} onQuery={go} /> : null}

          {results && results.items.length > 0 ? (
            <>
              <ol className="archive-list" ref={listRef}>
                {results.items.map((item) => (
                  <li key={item.id}>
                    <ResultCard item={item} />
                  </li>
                ))}
              </ol>
              <div className="archive-more">
                <p className="muted">
                  {t(results.approximate ? "archive.shownApprox" : "archive.shown", { shown: results.items.length, total: results.total })}
                </p>
                {results.approximate ? <p className="muted small">{t("archive.approxNote")}</p> : null}
                {more.error ? (
                  <div className="notice notice-danger" role="alert">
                    <p>{more.error}</p>
                    {more.canRestart ? (
                      <button type="button" className="krds-btn secondary small" onClick={list.reload}>
                        {t("archive.error.restart")}
                      </button>
                    ) : null}
                  </div>
                ) : null}
                {results.nextCursor ? (
                  <button type="button" className="krds-btn secondary medium" onClick={loadMore} disabled={more.busy}
                    aria-disabled={more.busy}>
                    {more.busy ? t("archive.loadingMore") : t("archive.more")}
                  </button>
                ) : null}
              </div>
            </>
          ) : null}
        </section>
      </div>
    </>
  );
}

function SearchBox({ query, onSearch }: { query: ArchiveQuery; onSearch: (q: string) => void }) {
  const { t } = useI18n();
  const [text, setText] = useState(query.q);
  // Back/forward and shared links change the address: show their words.
  useEffect(() => setText(query.q), [query.q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(Array.from(text.trim()).slice(0, QUERY_MAX).join(""));
  };
  return (
    <form role="search" className="archive-search" onSubmit={submit} aria-label={t("archive.search.label")}>
      <label htmlFor="archive-q" className="sr-only">
        {t("archive.search.label")}
      </label>
      <input id="archive-q" type="search" className="krds-input" value={text} maxLength={QUERY_MAX} enterKeyHint="search"
        placeholder={t("archive.search.placeholder")} autoComplete="off" onChange={(event) => setText(event.target.value)} />
      <button type="submit" className="krds-btn primary large">
        {t("archive.search.submit")}
      </button>
    </form>
  );
}

/** A filter's values with counts; the active value stays listed (count 0 when no results have it). */
export function facetOptions(def: FilterDef, facets: ArchiveFacets | null, active: string | undefined, agencyNames: Map<string, string>): FacetValue[] {
  const values = [...(facets?.[def.facet] ?? [])];
  if (def.key === "year") values.sort((a, b) => Number(b.value) - Number(a.value));
  if (def.key === "evidenceLevel") values.sort((a, b) => Number(a.value) - Number(b.value));
  if (active !== undefined && !values.some((v) => v.value === active)) {
    values.unshift({ value: active, label: def.key === "agencyId" ? (agencyNames.get(active) ?? active) : active, count: 0 });
  }
  return values;
}

const FACET_PREVIEW = 6;

function FilterPanel({
  query,
  facets,
  loading,
  agencyNames,
  onFilter,
}: {
  query: ArchiveQuery;
  facets: ArchiveFacets | null;
  loading: boolean;
  agencyNames: Map<string, string>;
  onFilter: (key: FilterKey, value: string | null) => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const count = activeFilters(query).length;
  return (
    <aside className={`archive-filters panel${open ? " is-open" : ""}`} aria-labelledby="archive-filters-title">
      <div className="filters-head">
        <h2 id="archive-filters-title" className="section-title">
          {t("archive.filters")}
        </h2>
        <button type="button" className="krds-btn secondary small filter-toggle" aria-expanded={open}
          aria-controls="archive-filter-body" onClick={() => setOpen((o) => !o)}>
          {open ? t("archive.filters.hide") : t("archive.filters.show")}
          {count > 0 ? ` (${count})` : ""}
        </button>
      </div>
      <div id="archive-filter-body" className="filter-body">
        {facets === null && loading ? <p className="muted">{t("common.loading")}</p> : null}
        {facets !== null
          ? FILTERS.map((def) => (
              <FacetGroup key={def.key} def={def} options={facetOptions(def, facets, query.filters[def.key], agencyNames)}
                active={query.filters[def.key]} onFilter={onFilter} />
            ))
          : null}
      </div>
    </aside>
  );
}

function FacetGroup({
  def,
  options,
  active,
  onFilter,
}: {
  def: FilterDef;
  options: FacetValue[];
  active: string | undefined;
  onFilter: (key: FilterKey, value: string | null) => void;
}) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const baseId = useId();
  if (options.length === 0) return null;
  const shown = all ? options : options.slice(0, FACET_PREVIEW);
  const listId = `${baseId}-list`;
  return (
    <fieldset className="facet-group" aria-labelledby={`${baseId}-title`}>
      {/* KRDS hides every legend, so the group is named by a visible heading. */}
      <h3 id={`${baseId}-title`} className="facet-title">
        {t(def.label)}
      </h3>
      <ul className="facet-list" id={listId}>
        {shown.map((option, i) => {
          const id = `${baseId}-${i}`;
          const label = filterValueLabel(def.key, option.value, option.label, t);
          return (
            <li key={option.value} className="krds-form-check medium facet-option">
              <input type="checkbox" id={id} checked={active === option.value}
                onChange={(event) => onFilter(def.key, event.target.checked ? option.value : null)} />
              <label htmlFor={id}>
                <span className="facet-text">
                  <span className="facet-label">{label}</span>{" "}
                  <span className="facet-count">
                    <span aria-hidden="true">{option.count}</span>
                    <span className="sr-only">{t("archive.count", { count: option.count })}</span>
                  </span>
                </span>
              </label>
            </li>
          );
        })}
      </ul>
      {options.length > FACET_PREVIEW ? (
        <button type="button" className="krds-btn text small link-button facet-more" aria-expanded={all} aria-controls={listId}
          onClick={() => setAll((a) => !a)}>
          {all ? t("archive.facet.fewer") : t("archive.facet.more", { count: options.length - FACET_PREVIEW })}
        </button>
      ) : null}
    </fieldset>
  );
}

function ActiveFilters({
  query,
  facets,
  agencyNames,
  onQuery,
}: {
  query: ArchiveQuery;
  facets: ArchiveFacets | null;
  agencyNames: Map<string, string>;
  onQuery: (query: ArchiveQuery) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="active-filters">
      <h3 className="sr-only">{t("archive.activeFilters")}</h3>
      <ul className="chip-list">
        {activeFilters(query).map(([key, value]) => {
          const def = FILTERS.find((f) => f.key === key)!;
          const server =
            facets?.[def.facet].find((f) => f.value === value)?.label ?? (key === "agencyId" ? agencyNames.get(value) : undefined);
          const label = `${t(def.label)}: ${filterValueLabel(key, value, server, t)}`;
          return (
            <li key={key} className="chip chip-removable">
              {label}
              <button type="button" className="chip-remove" aria-label={t("archive.removeFilter", { filter: label })}
                onClick={() => onQuery(withFilter(query, key, null))}>
                <span aria-hidden="true">×</span>
              </button>
            </li>
          );
        })}
      </ul>
      <button type="button" className="krds-btn text small link-button" onClick={() => onQuery({ ...query, filters: {} })}>
        {t("archive.clearFilters")}
      </button>
    </div>
  );
}

function EmptyResults({ query, onQuery }: { query: ArchiveQuery; onQuery: (query: ArchiveQuery) => void }) {
  const { t } = useI18n();
  const hasFilters = activeFilters(query).length > 0;
  return (
    <div className="empty archive-empty">
      <p>
        <strong>{query.q ? t("archive.empty.query", { q: query.q }) : t("archive.empty.title")}</strong>
      </p>
      <ul>
        {query.q ? <li>{t("archive.empty.tipSpelling")}</li> : null}
        {query.q ? <li>{t("archive.empty.tipShorter")}</li> : null}
        {hasFilters ? <li>{t("archive.empty.tipFilters")}</li> : null}
      </ul>
      <p className="button-row">
        {hasFilters ? (
          <button type="button" className="krds-btn secondary small" onClick={() => onQuery({ ...query, filters: {} })}>
            {t("archive.clearFilters")}
          </button>
        ) : null}
        {query.q ? (
          <button type="button" className="krds-btn tertiary small" onClick={() => onQuery({ q: "", filters: {}, sort: "" })}>
            {t("archive.empty.all")}
          </button>
        ) : null}
      </p>
      <p>
        {t("archive.empty.suggested")}{" "}
        {SUGGESTED.map((word, i) => (
          <span key={word}>
            {i > 0 ? ", " : null}
            <Link to={`/archive?${queryToParams({ q: word, filters: {}, sort: "" }).toString()}`}>{word}</Link>
          </span>
        ))}
      </p>
    </div>
  );
}
