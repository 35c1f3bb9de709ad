import { useEffect, type ReactNode } from "react";
import { Link } from "react-router";
import { isProblem, problemToFormErrors } from "../api/problem";
import { useI18n } from "../i18n/I18nProvider";

/** Sets document.title as "<page> | 으뜸". */
export function usePageTitle(title: string): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} | ${t("app.name")}` : t("app.fullName");
  }, [title, t]);
}

export function PageHeader({ title, lead, children }: { title: string; lead?: ReactNode; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="page-header">
      <h1 className="page-title">{title}</h1>
      {lead ? <p className="page-lead">{lead}</p> : null}
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {t("common.loading")}
    </p>
  );
}

export function Notice({ tone = "info", children }: { tone?: "info" | "danger" | "success"; children: ReactNode }) {
  return <div className={`notice notice-${tone}`}>{children}</div>;
}

export function ComingSoon({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={title} />
      <Notice>
        <p>
          <strong className="badge">{t("common.comingSoon")}</strong> {t("common.comingSoonBody")}
        </p>
      </Notice>
      <p>
        <Link className="krds-btn secondary medium" to="/">
          {t("common.goHome")}
        </Link>
      </p>
    </>
  );
}

/** A failed load: the server's message (or a Korean fallback) with a retry button. */
export function LoadError({ error, httpStatus, onRetry }: { error: unknown; httpStatus: number | null; onRetry?: () => void }) {
  const { t } = useI18n();
  const message =
    httpStatus === 404
      ? t("common.notFound")
      : httpStatus === null && !isProblem(error)
        ? t("common.errorNetwork")
        : problemToFormErrors(error, [], t("common.errorUnknown")).summary;
  return (
    <Notice tone="danger">
      <p>{message}</p>
      {onRetry && httpStatus !== 404 ? (
        <button type="button" className="krds-btn secondary small" onClick={onRetry}>
          {t("common.retry")}
        </button>
      ) : null}
    </Notice>
  );
}
