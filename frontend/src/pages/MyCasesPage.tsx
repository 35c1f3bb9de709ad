import { useCallback } from "react";
import { Link, useLocation } from "react-router";
import { useApi } from "../app/context";
import { CaseTable } from "../components/CaseTable";
import { StatusMessage } from "../components/forms";
import { LoadError, Loading, PageHeader } from "../components/Page";
import { useLoad } from "../components/useLoad";
import { useI18n } from "../i18n/I18nProvider";

export function MyCasesPage() {
  const { t } = useI18n();
  const api = useApi();
  const location = useLocation();
  const flash = (location.state as { message?: string } | null)?.message ?? null;
  const load = useCallback(() => api.GET("/api/v1/me/cases"), [api]);
  const cases = useLoad(load);
  return (
    <>
      <PageHeader title={t("myCases.title")} lead={t("myCases.intro")}>
        <p className="button-row">
          <Link className="krds-btn secondary medium" to="/rounds">
            {t("myCases.goRounds")}
          </Link>
        </p>
      </PageHeader>
      <StatusMessage>{flash}</StatusMessage>
      {cases.status === "loading" ? <Loading /> : null}
      {cases.status === "error" ? <LoadError error={cases.error} httpStatus={cases.httpStatus} onRetry={cases.reload} /> : null}
      {cases.status === "ok" ? (
        <CaseTable items={cases.data.items} caption={t("myCases.caption")} empty={t("myCases.empty")} />
      ) : null}
    </>
  );
}
