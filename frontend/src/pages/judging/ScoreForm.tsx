import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { useI18n } from "../../i18n/I18nProvider";
import { formatScore } from "./format";
import { guidanceIndex, parsePoints, pointChoices, scaleRange, type ItemForm, type SheetTotal } from "./scoring";
import type { Criterion } from "./types";

export interface Choice {
  value: string;
  label: string;
  /** Text shown under the choice (a grade's guidance). */
  desc?: string | undefined;
  /** Ids of text elsewhere describing the choice (a point band's guidance). */
  describedBy?: string | undefined;
}

const NEXT_KEYS: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * A radio group that behaves the same in every browser: arrow keys move to the next or
 * previous choice and select it (wrapping around), Home and End jump to the first and last;
 * only the selected choice (or the first) is in the Tab order, as with native radios.
 */
export function ChoiceGroup({
  id,
  legend,
  choices,
  value,
  onChange,
  disabled = false,
  describedBy,
  invalid = false,
  layout = "row",
  before,
  children,
}: {
  id: string;
  legend: ReactNode;
  choices: readonly Choice[];
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  describedBy?: string | undefined;
  invalid?: boolean;
  layout?: "row" | "column";
  /** Shown between the legend and the choices (description, scale). */
  before?: ReactNode;
  /** Shown after the choices (guidance). */
  children?: ReactNode;
}) {
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  const selected = choices.findIndex((c) => c.value === value);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, index: number) => {
    if (disabled || event.altKey || event.ctrlKey || event.metaKey) return;
    let next: number | null = null;
    const step = NEXT_KEYS[event.key];
    if (step !== undefined) next = (index + step + choices.length) % choices.length;
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = choices.length - 1;
    if (next === null) return;
    event.preventDefault();
    const choice = choices[next];
    if (!choice) return;
    onChange(choice.value);
    inputs.current[next]?.focus();
  };
  return (
    <fieldset
      className={`choice-group choice-${layout}${invalid ? " is-error" : ""}`}
      role="radiogroup"
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      aria-disabled={disabled || undefined}
    >
      <legend className="choice-legend">{legend}</legend>
      {before}
      <div className="choice-list">
        {choices.map((choice, i) => {
          const inputId = `${id}-${i}`;
          const descId = choice.desc ? `${inputId}-desc` : undefined;
          const described = [choice.describedBy, descId].filter(Boolean).join(" ") || undefined;
          return (
            <div key={choice.value} className={`choice${choice.value === value ? " is-checked" : ""}`}>
              <input
                ref={(el) => {
                  inputs.current[i] = el;
                }}
                type="radio"
                className="choice-input"
                id={inputId}
                name={id}
                value={choice.value}
                checked={choice.value === value}
                disabled={disabled}
                // Native radios take Tab only on the checked one; keep that when none is checked.
                tabIndex={selected === -1 ? (i === 0 ? 0 : -1) : i === selected ? 0 : -1}
                aria-describedby={described}
                onChange={() => onChange(choice.value)}
                onKeyDown={(event) => onKeyDown(event, i)}
              />
              <label htmlFor={inputId} className="choice-label">
                {choice.label}
              </label>
              {choice.desc ? (
                <p className="choice-desc" id={descId}>
                  {choice.desc}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}

/** One rubric criterion: its scale as radio buttons (or a number field), guidance and a comment. */
export function CriterionField({
  criterion,
  index,
  item,
  onItem,
  error,
  disabled,
}: {
  criterion: Criterion;
  index: number;
  item: ItemForm;
  onItem: (change: Partial<ItemForm>) => void;
  error?: string | undefined;
  disabled: boolean;
}) {
  const { t, language } = useI18n();
  const base = `criterion-${index}`;
  const descId = criterion.description ? `${base}-desc` : undefined;
  const errorId = error ? `${base}-error` : undefined;
  const [lo, hi] = scaleRange(criterion.scale);
  const isGrades = criterion.scale.kind === "grades";
  const choices = pointChoices(criterion.scale);
  const current: number | string | null = isGrades ? item.grade || null : parsePoints(item.points);
  const active = guidanceIndex(criterion.guidance, typeof current === "number" && Number.isNaN(current) ? null : current);
  const scaleText = isGrades
    ? t("scoring.scaleGrades", { grades: (criterion.scale.grades ?? []).map((g) => `${g.label} ${formatScore(g.points, language)}`).join(", ") })
    : t("scoring.scalePoints", { min: formatScore(lo, language), max: formatScore(hi, language), step: formatScore(criterion.scale.step ?? 1, language) });
  const legend = (
    <>
      <span className="criterion-name">{criterion.name}</span>{" "}
      <span className="criterion-weight">{t("scoring.weight", { weight: formatScore(criterion.weight, language) })}</span>
    </>
  );
  const describedBy = [descId, `${base}-scale`, errorId].filter(Boolean).join(" ");
  const guidanceIdOf = (gi: number) => `${base}-guidance-${gi}`;

  // Points bands' guidance sits beside the choices; each choice points at the band it falls in.
  const pointGuidance =
    !isGrades && criterion.guidance.length > 0 ? (
      <ul className="guidance-list" aria-label={t("scoring.guidance", { name: criterion.name })}>
        {criterion.guidance.map((g, gi) => (
          <li key={gi} id={guidanceIdOf(gi)} className={gi === active ? "is-active" : undefined}>
            <span className="guidance-level">{g.level}</span> <span className="guidance-text">{g.text}</span>
          </li>
        ))}
      </ul>
    ) : null;

  let control: ReactNode;
  if (isGrades) {
    const grades = criterion.scale.grades ?? [];
    control = (
      <ChoiceGroup
        id={`${base}-grade`}
        legend={legend}
        layout="column"
        describedBy={describedBy}
        invalid={Boolean(error)}
        disabled={disabled}
        value={item.grade}
        onChange={(grade) => onItem({ grade })}
        choices={grades.map((g) => {
          const gi = guidanceIndex(criterion.guidance, g.label);
          return {
            value: g.label,
            label: t("scoring.gradeChoice", { grade: g.label, points: formatScore(g.points, language) }),
            desc: gi >= 0 ? criterion.guidance[gi]?.text : undefined,
          };
        })}
        before={<Extra descId={descId} description={criterion.description} scaleId={`${base}-scale`} scaleText={scaleText} />}
      />
    );
  } else if (choices) {
    control = (
      <ChoiceGroup
        id={`${base}-points`}
        legend={legend}
        describedBy={describedBy}
        invalid={Boolean(error)}
        disabled={disabled}
        value={item.points}
        onChange={(points) => onItem({ points })}
        choices={choices.map((c) => {
          const gi = guidanceIndex(criterion.guidance, c);
          return { value: String(c), label: t("scoring.pointsChoice", { points: formatScore(c, language) }), describedBy: gi >= 0 ? guidanceIdOf(gi) : undefined };
        })}
        before={<Extra descId={descId} description={criterion.description} scaleId={`${base}-scale`} scaleText={scaleText} />}
      >
        {pointGuidance}
      </ChoiceGroup>
    );
  } else {
    control = (
      <fieldset className={`choice-group${error ? " is-error" : ""}`} aria-describedby={describedBy}>
        <legend className="choice-legend">{legend}</legend>
        <Extra descId={descId} description={criterion.description} scaleId={`${base}-scale`} scaleText={scaleText} />
        <label className="points-label" htmlFor={`${base}-points`}>
          {t("scoring.pointsLabel", { name: criterion.name })}
        </label>
        <input
          id={`${base}-points`}
          className="krds-input points-input"
          type="number"
          inputMode="decimal"
          min={lo}
          max={hi}
          step={criterion.scale.step ?? 1}
          value={item.points}
          disabled={disabled}
          aria-invalid={Boolean(error) || undefined}
          aria-describedby={errorId}
          onChange={(event) => onItem({ points: event.target.value })}
        />
        {pointGuidance}
      </fieldset>
    );
  }

  return (
    <div className={`criterion${error ? " has-error" : ""}`} data-criterion={criterion.id}>
      {control}
      {error ? (
        <p className="form-hint-invalid" id={errorId}>
          {error}
        </p>
      ) : null}
      <div className="form-group criterion-comment">
        <label className="comment-label" htmlFor={`${base}-comment`}>
          {t("scoring.comment", { name: criterion.name })} <span className="field-flag">({t("common.optional")})</span>
        </label>
        <textarea
          id={`${base}-comment`}
          className="krds-input textarea"
          rows={2}
          maxLength={2000}
          value={item.comment}
          readOnly={disabled}
          onChange={(event) => onItem({ comment: event.target.value })}
        />
      </div>
    </div>
  );
}

function Extra({ descId, description, scaleId, scaleText }: { descId?: string | undefined; description?: string | undefined; scaleId: string; scaleText: string }) {
  return (
    <>
      {description ? (
        <p className="criterion-desc" id={descId}>
          {description}
        </p>
      ) : null}
      <p className="criterion-scale" id={scaleId}>
        {scaleText}
      </p>
    </>
  );
}

/** The live weighted total: the total when every criterion is scored, else the sum so far. */
export function LiveTotal({ total }: { total: SheetTotal }) {
  const { t, language } = useI18n();
  const complete = total.total !== null;
  return (
    <div className={`live-total${complete ? " is-complete" : ""}`}>
      <span className="live-total-label" id="live-total-label">
        {t("scoring.total")}
      </span>
      <output className="live-total-value" aria-labelledby="live-total-label" aria-live="polite">
        {t("scoring.totalValue", { score: formatScore(complete ? (total.total ?? 0) : total.partial, language) })}
        <span className="live-total-count">
          {complete ? t("scoring.totalComplete") : t("scoring.totalPartial", { scored: total.scored, count: total.count })}
        </span>
      </output>
    </div>
  );
}
