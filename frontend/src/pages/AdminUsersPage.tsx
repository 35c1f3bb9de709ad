import { useCallback } from "react";
import { problemToFormErrors } from "../api/problem";
import type { User } from "../api/types";
import { useApi } from "../app/context";
import { Loading, Notice, PageHeader } from "../components/Page";
import { LoadMore } from "../components/LoadMore";
import { useCursorList } from "../components/useCursorList";
import { useI18n } from "../i18n/I18nProvider";
import { rolesOf } from "../nav";

export function AdminUsersPage() {
  const { t } = useI18n();
  const api = useApi();
  const fetchPage = useCallback((cursor?: string) => api.GET("/api/v1/users", { params: { query: { cursor } } }), [api]);
  const users = useCursorList(fetchPage, (d) => d.items);
  return (
    <>
      <PageHeader
        title={t("users.title")}
        lead={
          users.status === "ok"
            ? users.hasMore
              ? t("users.countShown", { count: users.items.length })
              : t("users.count", { count: users.items.length })
            : undefined
        }
      />
      {users.status === "loading" ? <Loading /> : null}
      {users.status === "error" ? (
        <Notice tone="danger">
          <p>{problemToFormErrors(users.error, [], t("common.errorNetwork")).summary}</p>
          <button type="button" className="krds-btn secondary small" onClick={users.reload}>
            {t("common.retry")}
          </button>
        </Notice>
      ) : null}
      {users.status === "ok" ? (
        <>
          <UserTable items={users.items} />
          <LoadMore list={users} />
        </>
      ) : null}
    </>
  );
}

function UserTable({ items }: { items: User[] }) {
  const { t, formatDate } = useI18n();
  if (items.length === 0) return <p className="empty">{t("users.empty")}</p>;
  return (
    <div className="krds-table-wrap">
      <table className="tbl col data">
        <caption>{t("users.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("users.col.name")}</th>
            <th scope="col">{t("users.col.email")}</th>
            <th scope="col">{t("users.col.agency")}</th>
            <th scope="col">{t("users.col.department")}</th>
            <th scope="col">{t("users.col.roles")}</th>
            <th scope="col">{t("users.col.createdAt")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((user) => (
            <tr key={user.id}>
              <th scope="row">{user.displayName}</th>
              <td>{user.email}</td>
              <td>{user.agency.name}</td>
              <td>{user.department ?? ""}</td>
              <td>{rolesOf(user).map((role) => t(`role.${role}`)).join(", ")}</td>
              <td>{formatDate(user.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
