import { useEffect, type ReactNode } from "react";
import { Link } from "react-router";
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
