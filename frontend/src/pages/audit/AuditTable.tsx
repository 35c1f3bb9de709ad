import type { Ref } from "react";
import { Link } from "react-router";
import type { AuditEvent } from "../../api/types";
import { TableWrap } from "../../components/TableWrap";
import { useI18n } from "../../i18n/I18nProvider";
import { formatSeoulDateTime } from "../../lib/seoul";
import { actionLabel, addressOf, detailItems, isWarning, shortId, subjectLabel, subjectPath, type Names } from "./labels";
import "./audit.css";

/**
 * Audit events as a table. `showAddress` gives the IP address its own column (security
 * events carry one; judging events do not). `focusRef` lands on the row header of the
 * row at `focusIndex`, so "더 보기" can move focus to the first new row.
 */
export function AuditTable({
  items,
  names,
  showAddress = false,
  focusIndex,
  focusRef,
}: {
  items: readonly AuditEvent[];
  names: Names;
  showAddress?: boolean;
  focusIndex?: number;
  focusRef?: Ref<HTMLTableCellElement>;
}) {
  const { t, language } = useI18n();
  const caption = showAddress ? t("audit.captionWithAddress") : t("audit.caption");
  return (
    <TableWrap label={caption}>
      <table className="tbl col data compact-table audit-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("audit.col.at")}</th>
            <th scope="col">{t("audit.col.action")}</th>
            <th scope="col">{t("audit.col.actor")}</th>
            <th scope="col">{t("audit.col.subject")}</th>
            {showAddress ? <th scope="col">{t("audit.col.address")}</th> : null}
            <th scope="col">{t("audit.col.details")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((event, index) => {
            const details = detailItems(event.details, t, names, showAddress ? ["ip"] : []);
            const path = subjectPath(event.subjectType, event.subjectId);
            const subject = event.subjectId ? (names.get(event.subjectId) ?? shortId(event.subjectId)) : null;
            const label = actionLabel(event.action, t);
            const warning = isWarning(event.action);
            return (
              <tr key={event.id} className={warning ? "audit-warning" : undefined}>
                <td>
                  <time dateTime={event.at}>{formatSeoulDateTime(event.at, language)}</time>
                </td>
                <th scope="row" ref={index === focusIndex ? focusRef : undefined} tabIndex={index === focusIndex ? -1 : undefined}>
                  {warning ? (
                    <>
                      <span className="status-badge audit-warning-badge">{t("audit.warning")}</span>{" "}
                    </>
                  ) : null}
                  {label === event.action ? <code>{label}</code> : label}
                </th>
                <td>{event.actor || <span className="muted">{t("audit.anonymous")}</span>}</td>
                <td>
                  <span className="muted">{subjectLabel(event.subjectType, t)}</span>
                  {subject ? (
                    <span className="cell-sub">{path ? <Link to={path}>{subject}</Link> : subject}</span>
                  ) : null}
                </td>
                {showAddress ? <td className="num">{addressOf(event) || "–"}</td> : null}
                <td>
                  {details.length === 0 ? (
                    "–"
                  ) : (
                    <dl className="audit-details">
                      {details.map((item) => (
                        <div key={item.key}>
                          <dt>{item.label}</dt>
                          <dd>{item.value}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
