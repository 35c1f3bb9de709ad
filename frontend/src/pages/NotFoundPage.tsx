import { Link } from "react-router";
import { PageHeader } from "../components/Page";
import { useI18n } from "../i18n/I18nProvider";

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="narrow">
      <p className="error-code" aria-hidden="true">404</p>
      <PageHeader title={t("notFound.title")} lead={t("notFound.body")} />
      <p>
        <Link className="krds-btn primary medium" to="/">
          {t("common.goHome")}
        </Link>
      </p>
    </div>
  );
}
