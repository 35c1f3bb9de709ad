import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type InputHTMLAttributes,
  type ReactNode,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { noFormErrors, type FormErrors } from "../api/problem";
import { useI18n } from "../i18n/I18nProvider";

interface FieldFrameProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  optional?: boolean | undefined;
  children: (aria: { "aria-invalid": boolean; "aria-describedby": string | undefined }) => ReactNode;
}

/** KRDS form group: label, control, hint and the field's error message, wired for AT. */
export function FieldFrame({ id, label, error, hint, required, optional, children }: FieldFrameProps) {
  const { t } = useI18n();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="form-group">
      <div className="form-tit">
        <label htmlFor={id}>
          {label}
          {required ? (
            <span className="field-flag field-flag-required">
              <span aria-hidden="true"> *</span>
              <span className="sr-only"> ({t("common.required")})</span>
            </span>
          ) : null}
          {optional ? <span className="field-flag"> ({t("common.optional")})</span> : null}
        </label>
      </div>
      <div className={`form-conts${error ? " is-error" : ""}`}>
        {children({ "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      </div>
      {hint ? (
        <p className="form-hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="form-hint-invalid" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "value" | "onChange" | "className"> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
};

export function TextField({ id, label, value, onValue, error, hint, optional, required, ...input }: TextFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} required={required} optional={optional}>
      {(aria) => (
        <input
          {...input}
          {...aria}
          id={id}
          className="krds-input"
          value={value}
          required={required}
          onChange={(event) => onValue(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id" | "value" | "onChange" | "className"> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
};

export function SelectField({ id, label, value, onValue, error, hint, required, children, ...select }: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} required={required}>
      {(aria) => (
        <select
          {...select}
          {...aria}
          id={id}
          className={`krds-form-select${value ? " completed" : ""}${error ? " is-error" : ""}`}
          value={value}
          required={required}
          onChange={(event) => onValue(event.target.value)}
        >
          {children}
        </select>
      )}
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id" | "value" | "onChange" | "className"> & {
  id: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  optional?: boolean;
};

export function TextAreaField({ id, label, value, onValue, error, hint, optional, required, rows, ...area }: TextAreaFieldProps) {
  return (
    <FieldFrame id={id} label={label} error={error} hint={hint} required={required} optional={optional}>
      {(aria) => (
        <textarea
          {...area}
          {...aria}
          id={id}
          className="krds-input textarea"
          rows={rows ?? 6}
          value={value}
          required={required}
          onChange={(event) => onValue(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/** A KRDS checkbox with its label (and an optional error tied to it). */
export function CheckboxField({
  id,
  label,
  checked,
  onChecked,
  error,
  disabled,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  const errorId = `${id}-error`;
  return (
    <div className="krds-form-check medium">
      <input
        type="checkbox"
        id={id}
        checked={checked}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => onChecked(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {error ? (
        <p className="form-hint-invalid" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The form-level message: the problem's detail plus field messages without a field. */
export function ErrorSummary({
  errors,
  summaryRef,
}: {
  errors: FormErrors<string>;
  summaryRef?: RefObject<HTMLDivElement | null>;
}) {
  if (!errors.summary && errors.other.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
      <p className="error-summary-title">
        {errors.summary}
      </p>
      {errors.other.length > 0 ? (
        <ul>
          {errors.other.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * A polite live region for messages such as "저장했습니다". It stays in the page while
 * empty so screen readers announce the message when it appears.
 */
export function StatusMessage({ children }: { children?: ReactNode }) {
  return (
    <div className="status-message" role="status">
      {children ? <p>{children}</p> : null}
    </div>
  );
}

/**
 * Form error state. After each report() focus moves to the first invalid field, or to the
 * summary when no field is marked, so keyboard and screen-reader users land on the problem.
 */
export function useFormErrors<F extends string>() {
  const [errors, setErrors] = useState<FormErrors<F>>(noFormErrors<F>);
  const [version, setVersion] = useState(0);
  const formRef = useRef<HTMLFormElement | null>(null);
  const summaryRef = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (version === 0) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? summaryRef.current)?.focus();
  }, [version]);

  const report = useCallback((next: FormErrors<F>) => {
    setErrors(next);
    setVersion((v) => v + 1);
  }, []);
  const clear = useCallback(() => setErrors(noFormErrors<F>()), []);
  return { errors, report, clear, formRef, summaryRef };
}

export function SubmitButton({ busy, label, busyLabel }: { busy: boolean; label: string; busyLabel: string }) {
  return (
    <button type="submit" className="krds-btn primary large" disabled={busy} aria-disabled={busy}>
      {busy ? busyLabel : label}
    </button>
  );
}
