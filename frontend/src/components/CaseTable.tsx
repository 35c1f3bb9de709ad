import { Link } from "react-router";
import type { CaseSummary } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { CaseStatusBadge } from "./badges";
import { TableWrap } from "./TableWrap";

/** Cases as a table: title (to the editor, which is read-only when it must be), round, team, status. */
export function CaseTable({
  items,
  caption,
  showTeam = true,
  empty,
}: {
  items: CaseSummary[];
  caption: string;
  showTeam?: boolean;
  empty: string;
}) {
  const { t, formatDateTime } = useI18n();
  if (items.length === 0) return <p className="empty">{empty}</p>;
  return (
    <TableWrap label={caption}>
      <table className="tbl col data">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("myCases.col.title")}</th>
            <th scope="col">{t("myCases.col.round")}</th>
            {showTeam ? <th scope="col">{t("myCases.col.team")}</th> : null}
            <th scope="col">{t("myCases.col.status")}</th>
            <th scope="col">{t("myCases.col.version")}</th>
            <th scope="col">{t("myCases.col.updatedAt")}</th>
            <th scope="col">{t("myCases.col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <Link to={`/cases/${c.id}/edit`}>{c.title || t("caseEditor.untitled")}</Link>
                {c.category ? <span className="muted cell-sub">{c.category.name}</span> : null}
              </th>
              <td>{c.round.title}</td>
              {showTeam ? <td>{c.team.name}</td> : null}
              <td>
                <CaseStatusBadge status={c.status} />
              </td>
              <td>{c.submittedVersion > 0 ? t("myCases.version", { n: c.submittedVersion }) : t("myCases.notSubmitted")}</td>
              <td>{formatDateTime(c.updatedAt)}</td>
              <td>
                {c.submittedVersion > 0 ? (
                  <Link to={`/cases/${c.id}/history`} aria-label={t("myCases.historyLabel", { title: c.title })}>
                    {t("myCases.history")}
                  </Link>
                ) : (
                  <span className="muted">–</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
