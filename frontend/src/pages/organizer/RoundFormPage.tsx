import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { isProblem, problemToPathErrors, withLocalErrors, type PathErrors } from "../../api/problem";
import { PERIODS, TEAM_KINDS, type Agency, type Period, type Round } from "../../api/types";
import { useApi, useSession } from "../../app/context";
import { AgencyPicker } from "../../components/AgencyPicker";
import { AgencySelect } from "../../components/AgencySelect";
import { RoundStatusBadge } from "../../components/badges";
import { CheckboxField, SelectField, StatusMessage, TextAreaField, TextField } from "../../components/forms";
import { LoadError, Loading, Notice, PageHeader } from "../../components/Page";
import { useLoad } from "../../components/useLoad";
import { useI18n } from "../../i18n/I18nProvider";
import type { MessageKey } from "../../i18n/messages";
import { formatKrw, parseKrw } from "../../lib/krw";
import {
  newRoundForm,
  roundFormToInput,
  roundRowKey,
  roundToForm,
  SCHEDULE_FIELDS,
  type RoundForm,
  type ScheduleField,
} from "../../lib/roundForm";
import { formatSeoulDateTime } from "../../lib/seoul";
import { invitableAgencyRoots } from "../AdminInvitationsPage";

const SCHEDULE_LABELS: Record<ScheduleField, MessageKey> = {
  submissionOpensAt: "rounds.opensAt",
  submissionClosesAt: "rounds.closesAt",
  judgingClosesAt: "rounds.judgingClosesAt",
  resultsAnnouncedAt: "rounds.resultsAt",
};

/** The DOM id of the control for an API path: "awardTiers[0].prizeKrw" → "round-awardTiers-0-prizeKrw". */
function rid(path: string): string {
  return `round-${path.replace(/\[(\d+)\]/g, "-$1").replace(/\./g, "-")}`;
}

const SHOWN =
  /^(title|awardName|year|period|hostAgencyId|participatingAgencyIds|includeSubAgencies|description|categories|eligibleTeamKinds|schedule|awardTiers)$|^schedule\.(submissionOpensAt|submissionClosesAt|judgingClosesAt|resultsAnnouncedAt)$|^categories\[\d+\]$|^awardTiers\[\d+\]\.(name|count|prizeKrw)$/;

/**
 * The server names the earlier milestone of a schedule "after" rule in both languages at
 * once ("접수 시작 / submission opening"); show our own sentence for those fields instead.
 */
export function withScheduleMessages(body: unknown, t: (key: MessageKey) => string): unknown {
  if (!isProblem(body) || !body.errors) return body;
  return {
    ...body,
    errors: body.errors.map((e) => {
      const field = /^schedule\.(submissionClosesAt|judgingClosesAt|resultsAnnouncedAt)$/.exec(e.field ?? "")?.[1];
      return e.code === "after" && field
        ? { ...e, message: t(`roundForm.error.after.${field as "submissionClosesAt"}`) }
        : e;
    }),
  };
}

/** `/organizer/rounds/new` and `/organizer/rounds/:roundId/edit`. */
export function RoundFormPage() {
  const { roundId } = useParams();
  const api = useApi();
  const loadAgencies = useCallback(() => api.GET("/api/v1/agencies"), [api]);
  const agencies = useLoad(loadAgencies);
  const loadRound = useCallback(
    async () =>
      roundId
        ? api.GET("/api/v1/rounds/{roundId}", { params: { path: { roundId } } })
        : { data: null, error: undefined, response: new Response(null) },
    [api, roundId],
  );
  const round = useLoad<Round | null>(loadRound);
  if (agencies.status === "loading" || round.status === "loading") return <Loading />;
  if (agencies.status === "error") return <LoadError error={agencies.error} httpStatus={agencies.httpStatus} onRetry={agencies.reload} />;
  if (round.status === "error") return <LoadError error={round.error} httpStatus={round.httpStatus} onRetry={round.reload} />;
  return <RoundEditor key={round.data?.id ?? "new"} round={round.data} agencies={agencies.data.items} />;
}

function RoundEditor({ round: initial, agencies }: { round: Round | null; agencies: Agency[] }) {
  const { t, language } = useI18n();
  const api = useApi();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const roots = useMemo(
    () => (session.status === "authenticated" ? invitableAgencyRoots(session.user) : []),
    [session],
  );
  const [round, setRound] = useState<Round | null>(initial);
  const [form, setForm] = useState<RoundForm>(() =>
    initial ? roundToForm(initial) : newRoundForm(new Date(), roots?.[0] ?? ""),
  );
  const [errors, setErrors] = useState<PathErrors | null>(null);
  const [message, setMessage] = useState<string | null>((location.state as { message?: string } | null)?.message ?? null);
  const [busy, setBusy] = useState<"save" | "publish" | "copy" | null>(null);
  const [newCategory, setNewCategory] = useState("");
  const formRef = useRef<HTMLFormElement | null>(null);
  const summaryRef = useRef<HTMLDivElement | null>(null);
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (focusTick === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? summaryRef.current)?.focus();
  }, [focusTick]);

  const report = (next: PathErrors) => {
    setErrors(next);
    setFocusTick((n) => n + 1);
  };
  const err = (path: string) => errors?.fields[path];
  const set = <K extends keyof RoundForm>(key: K, value: RoundForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  /** Saves the form; resolves to the saved round or null (errors shown). */
  const save = async (): Promise<Round | null> => {
    const { input, errors: local } = roundFormToInput(form);
    setErrors(null);
    const { data, error } = round
      ? await api.PUT("/api/v1/rounds/{roundId}", { params: { path: { roundId: round.id } }, body: input })
      : await api.POST("/api/v1/rounds", { body: input });
    if (data) return data;
    const messages: Record<string, string> = {};
    for (const [path, key] of Object.entries(local)) messages[path] = t(key);
    report(withLocalErrors(problemToPathErrors(withScheduleMessages(error, t), (p) => SHOWN.test(p), t("common.errorUnknown")), messages));
    return null;
  };

  const run = async (kind: "save" | "publish" | "copy", action: () => Promise<void>) => {
    setBusy(kind);
    setMessage(null);
    try {
      await action();
    } catch {
      report({ summary: t("common.errorNetwork"), fields: {}, other: [], paths: [] });
    } finally {
      setBusy(null);
    }
  };

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    void run("save", async () => {
      const saved = await save();
      if (!saved) return;
      if (!round) {
        navigate(`/organizer/rounds/${saved.id}/edit`, { replace: true, state: { message: t("roundForm.saved") } });
        return;
      }
      setRound(saved);
      setForm(roundToForm(saved));
      setMessage(t("roundForm.saved"));
    });
  };

  const onPublish = () =>
    run("publish", async () => {
      const saved = await save();
      if (!saved) return;
      setRound(saved);
      const { data, error } = await api.POST("/api/v1/rounds/{roundId}/publish", { params: { path: { roundId: saved.id } } });
      if (data) {
        setRound(data);
        setForm(roundToForm(data));
        setMessage(t("roundForm.publishedDone"));
      } else report(problemToPathErrors(error, () => false, t("common.errorUnknown")));
    });

  const onCopy = () =>
    run("copy", async () => {
      if (!round) return;
      const { data, error } = await api.POST("/api/v1/rounds/{roundId}/copy", { params: { path: { roundId: round.id } } });
      if (data) navigate(`/organizer/rounds/${data.id}/edit`, { state: { message: t("roundForm.copied") } });
      else report(problemToPathErrors(error, () => false, t("common.errorUnknown")));
    });

  const moveCategory = (from: number, to: number) => {
    const next = [...form.categories];
    const [item] = next.splice(from, 1);
    if (!item) return;
    next.splice(to, 0, item);
    set("categories", next);
    requestAnimationFrame(() => document.getElementById(`${rid(`categories[${to}]`)}-${from < to ? "down" : "up"}`)?.focus());
  };

  const addCategory = () => {
    const name = newCategory.trim();
    if (!name) return;
    set("categories", [...form.categories, { key: roundRowKey(), name }]);
    setNewCategory("");
  };

  const title = round ? t("roundForm.editTitle") : t("roundForm.newTitle");
  // Once results are published, what the published table and the awards show is fixed.
  const termsFixed = Boolean(round?.resultsPublishedAt);

  return (
    <>
      <PageHeader title={title} lead={round ? round.title : undefined}>
        {round ? (
          <div className="badge-row">
            <RoundStatusBadge status={round.status} />
            {round.published ? (
              <span className="status-badge published">
                {t("roundForm.isPublished", { date: formatSeoulDateTime(round.publishedAt, language) })}
              </span>
            ) : (
              <span className="status-badge unpublished">{t("orgRounds.unpublished")}</span>
            )}
          </div>
        ) : null}
      </PageHeader>
      <StatusMessage>{message}</StatusMessage>
      {round && !round.published ? (
        <Notice>
          <p>{t("roundForm.notPublished")}</p>
        </Notice>
      ) : null}
      {termsFixed ? (
        <Notice>
          <p>
            <strong>{t("roundForm.termsFixed")}</strong> {t("roundForm.termsFixedDetail")}
          </p>
        </Notice>
      ) : null}

      <form ref={formRef} className="stack-form round-form" noValidate onSubmit={onSave} aria-busy={busy !== null}>
        {errors && (errors.summary || errors.other.length > 0) ? (
          <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
            <p className="error-summary-title">{errors.summary}</p>
            {errors.other.length > 0 ? (
              <ul>
                {errors.other.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}

        <section className="panel" aria-labelledby="round-basic">
          <h2 id="round-basic" className="section-title">
            {t("caseEditor.section.basic")}
          </h2>
          <div className="grid-form">
            <TextField id={rid("title")} label={t("roundForm.field.title")} required maxLength={200} autoComplete="off" disabled={termsFixed}
              hint={t("roundForm.hint.title")} value={form.title} onValue={(v) => set("title", v)} error={err("title")} />
            <TextField id={rid("awardName")} label={t("roundForm.field.awardName")} required maxLength={100} autoComplete="off" disabled={termsFixed}
              list="award-names" hint={t("roundForm.hint.awardName")} value={form.awardName} onValue={(v) => set("awardName", v)}
              error={err("awardName")} />
            <datalist id="award-names">
              <option value="으뜸상" />
              <option value="행정대상" />
              <option value="적극행정 우수사례" />
            </datalist>
            <TextField id={rid("year")} label={t("roundForm.field.year")} required inputMode="numeric" maxLength={4} disabled={termsFixed}
              value={form.year} onValue={(v) => set("year", v)} error={err("year")} />
            <SelectField id={rid("period")} label={t("roundForm.field.period")} required disabled={termsFixed} value={form.period}
              onValue={(v) => set("period", v as Period)} error={err("period")}>
              {PERIODS.map((p) => (
                <option key={p} value={p}>
                  {t(`period.${p}`)}
                </option>
              ))}
            </SelectField>
            <AgencySelect id={rid("hostAgencyId")} label={t("roundForm.field.host")} value={form.hostAgencyId}
              onValue={(v) => set("hostAgencyId", v)} roots={roots} error={err("hostAgencyId")} />
          </div>
          <div className="stack-form top-gap">
            <TextAreaField id={rid("description")} label={t("roundForm.field.description")} optional maxLength={5000} rows={4}
              value={form.description} onValue={(v) => set("description", v)} error={err("description")} />
          </div>
        </section>

        <section className="panel">
          <AgencyPicker id={rid("participatingAgencyIds")} legend={t("roundForm.agenciesLegend")} hint={t("roundForm.agenciesHint")}
            agencies={agencies} selected={form.participatingAgencyIds} onSelected={(ids) => set("participatingAgencyIds", ids)}
            error={err("participatingAgencyIds")} />
          <CheckboxField id={rid("includeSubAgencies")} label={t("roundForm.includeSub")} checked={form.includeSubAgencies}
            onChecked={(v) => set("includeSubAgencies", v)} error={err("includeSubAgencies")} />
        </section>

        <section className="panel" aria-labelledby="round-categories-title">
          <h2 id="round-categories-title" className="section-title">
            {t("roundForm.categoriesLegend")}
          </h2>
          <p className="form-hint section-lead">{t("roundForm.categoriesHint")}</p>
          {err("categories") ? (
            <p className="form-hint-invalid" id={`${rid("categories")}-error`}>
              {err("categories")}
            </p>
          ) : null}
          <ol className="category-list">
            {form.categories.map((c, i) => {
              const id = rid(`categories[${i}]`);
              const name = c.name || t("roundForm.categoryLabel", { n: i + 1 });
              return (
                <li key={c.key} className="category-row">
                  <div className="category-input">
                    <label className="sr-only" htmlFor={id}>
                      {t("roundForm.categoryLabel", { n: i + 1 })}
                    </label>
                    <input id={id} className="krds-input" value={c.name} maxLength={50}
                      aria-invalid={err(`categories[${i}]`) ? true : undefined}
                      aria-describedby={err(`categories[${i}]`) ? `${id}-error` : undefined}
                      onChange={(e) => set("categories", form.categories.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))} />
                    {err(`categories[${i}]`) ? (
                      <p className="form-hint-invalid" id={`${id}-error`}>
                        {err(`categories[${i}]`)}
                      </p>
                    ) : null}
                  </div>
                  <div className="row-actions">
                    <button type="button" id={`${id}-up`} className="krds-btn tertiary small" disabled={i === 0}
                      aria-label={t("roundForm.moveUp", { name })} onClick={() => moveCategory(i, i - 1)}>
                      ↑
                    </button>
                    <button type="button" id={`${id}-down`} className="krds-btn tertiary small" disabled={i === form.categories.length - 1}
                      aria-label={t("roundForm.moveDown", { name })} onClick={() => moveCategory(i, i + 1)}>
                      ↓
                    </button>
                    <button type="button" className="krds-btn tertiary small" aria-label={t("roundForm.removeItem", { name })}
                      onClick={() => set("categories", form.categories.filter((_, j) => j !== i))}>
                      {t("common.remove")}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
          <div className="copy-row add-row">
            <label className="sr-only" htmlFor={rid("newCategory")}>
              {t("roundForm.categoryNew")}
            </label>
            <input id={rid("newCategory")} className="krds-input" value={newCategory} maxLength={50}
              placeholder={t("roundForm.categoryNew")} onChange={(e) => setNewCategory(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  addCategory();
                }
              }} />
            <button type="button" className="krds-btn secondary medium" onClick={addCategory}>
              {t("roundForm.categoryAdd")}
            </button>
          </div>
        </section>

        <section className="panel" aria-labelledby="round-kinds-title">
          <h2 id="round-kinds-title" className="section-title">
            {t("roundForm.kindsLegend")}
          </h2>
          <fieldset className="form-group" aria-describedby={err("eligibleTeamKinds") ? `${rid("eligibleTeamKinds")}-error` : undefined}>
            <legend className="sr-only">{t("roundForm.kindsLegend")}</legend>
            <div className="check-row">
              {TEAM_KINDS.map((kind, i) => (
                <div key={kind} className="krds-form-check medium">
                  <input type="checkbox" id={i === 0 ? rid("eligibleTeamKinds") : `${rid("eligibleTeamKinds")}-${kind}`}
                    checked={form.eligibleTeamKinds.includes(kind)} aria-invalid={err("eligibleTeamKinds") ? true : undefined}
                    onChange={(e) =>
                      set(
                        "eligibleTeamKinds",
                        e.target.checked
                          ? TEAM_KINDS.filter((k) => k === kind || form.eligibleTeamKinds.includes(k))
                          : form.eligibleTeamKinds.filter((k) => k !== kind),
                      )
                    } />
                  <label htmlFor={i === 0 ? rid("eligibleTeamKinds") : `${rid("eligibleTeamKinds")}-${kind}`}>{t(`teamKind.${kind}`)}</label>
                </div>
              ))}
            </div>
            {err("eligibleTeamKinds") ? (
              <p className="form-hint-invalid" id={`${rid("eligibleTeamKinds")}-error`}>
                {err("eligibleTeamKinds")}
              </p>
            ) : null}
          </fieldset>
        </section>

        <section className="panel" aria-labelledby="round-schedule-title">
          <h2 id="round-schedule-title" className="section-title">
            {t("roundForm.scheduleLegend")}
          </h2>
          <p className="form-hint section-lead">{t("roundForm.scheduleHint")}</p>
          {err("schedule") ? <p className="form-hint-invalid">{err("schedule")}</p> : null}
          <div className="grid-form">
            {SCHEDULE_FIELDS.map((field) => (
              <TextField key={field} id={rid(`schedule.${field}`)} label={`${t(SCHEDULE_LABELS[field])} (KST)`} required
                type="datetime-local" value={form.schedule[field]}
                onValue={(v) => set("schedule", { ...form.schedule, [field]: v })} error={err(`schedule.${field}`)} />
            ))}
          </div>
        </section>

        <section className="panel" aria-labelledby="round-tiers-title">
          <h2 id="round-tiers-title" className="section-title">
            {t("roundForm.tiersLegend")}
          </h2>
          {err("awardTiers") ? <p className="form-hint-invalid">{err("awardTiers")}</p> : null}
          <ol className="row-editor">
            {form.awardTiers.map((tier, i) => {
              const setTier = (change: Partial<typeof tier>) =>
                set("awardTiers", form.awardTiers.map((x, j) => (j === i ? { ...x, ...change } : x)));
              const prize = parseKrw(tier.prizeKrw);
              return (
                <li key={tier.key}>
                  <fieldset className="row-fieldset" disabled={termsFixed}>
                    <legend>{t("roundForm.tierLegend", { n: i + 1 })}</legend>
                    <div className="tier-grid">
                      <TextField id={rid(`awardTiers[${i}].name`)} label={t("roundForm.tier.name")} required maxLength={30}
                        value={tier.name} onValue={(name) => setTier({ name })} error={err(`awardTiers[${i}].name`)} />
                      <TextField id={rid(`awardTiers[${i}].count`)} label={t("roundForm.tier.count")} required inputMode="numeric"
                        value={tier.count} onValue={(count) => setTier({ count })} error={err(`awardTiers[${i}].count`)} />
                      <TextField id={rid(`awardTiers[${i}].prizeKrw`)} label={t("roundForm.tier.prize")} required inputMode="numeric"
                        value={tier.prizeKrw} onValue={(prizeKrw) => setTier({ prizeKrw })} error={err(`awardTiers[${i}].prizeKrw`)}
                        hint={prize !== null && !Number.isNaN(prize) ? formatKrw(prize, language) : undefined} />
                    </div>
                    <button type="button" className="krds-btn tertiary small row-remove"
                      onClick={() => set("awardTiers", form.awardTiers.filter((_, j) => j !== i))}>
                      {t("roundForm.tierRemove", { n: i + 1 })}
                    </button>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <p className="button-row">
            <button type="button" className="krds-btn secondary medium" disabled={termsFixed || form.awardTiers.length >= 20}
              onClick={() => set("awardTiers", [...form.awardTiers, { key: roundRowKey(), name: "", count: "1", prizeKrw: "0" }])}>
              {t("roundForm.tierAdd")}
            </button>
          </p>
        </section>

        <div className="form-actions sticky-actions">
          <button type="submit" className="krds-btn primary large" disabled={busy !== null}>
            {busy === "save" ? t("roundForm.saving") : t("roundForm.save")}
          </button>
          {round && !round.published ? (
            <button type="button" className="krds-btn secondary large" disabled={busy !== null} onClick={onPublish}>
              {busy === "publish" ? t("roundForm.publishing") : t("roundForm.publish")}
            </button>
          ) : null}
          {round ? (
            <button type="button" className="krds-btn secondary large" disabled={busy !== null} onClick={onCopy}>
              {busy === "copy" ? t("roundForm.copying") : t("roundForm.copy")}
            </button>
          ) : null}
          {round ? (
            <Link className="krds-btn tertiary large" to={`/organizer/rounds/${round.id}`}>
              {t("roundForm.overview")}
            </Link>
          ) : null}
        </div>
      </form>
    </>
  );
}
