import { Link } from "react-router";
import type { User } from "../api/types";
import { useSession } from "../app/context";
import { Loading, Notice, PageHeader, usePageTitle } from "../components/Page";
import type { MessageKey } from "../i18n/messages";
import { useI18n } from "../i18n/I18nProvider";
import { navItemsFor, onlyScores, rolesOf } from "../nav";

export function HomePage() {
  const session = useSession();
  if (session.status === "loading") return <Loading />;
  if (session.status === "anonymous") return <Landing />;
  return <Dashboard user={session.user} />;
}

const FEATURES: readonly { title: MessageKey; body: MessageKey }[] = [
  { title: "landing.feature.member.title", body: "landing.feature.member.body" },
  { title: "landing.feature.judge.title", body: "landing.feature.judge.body" },
  { title: "landing.feature.organizer.title", body: "landing.feature.organizer.body" },
  { title: "landing.feature.public.title", body: "landing.feature.public.body" },
];

function Landing() {
  const { t } = useI18n();
  usePageTitle("");
  return (
    <>
      <section className="hero" aria-labelledby="landing-title">
        <p className="hero-eyebrow">{t("landing.eyebrow")}</p>
        <h1 id="landing-title" className="hero-title">
          {t("landing.title")}
        </h1>
        <p className="hero-lead">{t("landing.lead")}</p>
        <p className="button-row">
          <Link className="krds-btn primary large" to="/archive">
            {t("landing.ctaArchive")}
          </Link>
          <Link className="krds-btn secondary large" to="/votes">
            {t("landing.ctaVotes")}
          </Link>
          <Link className="krds-btn secondary large" to="/login">
            {t("landing.ctaLogin")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="landing-features">
        <h2 id="landing-features" className="section-title">
          {t("landing.featuresTitle")}
        </h2>
        <ul className="card-grid">
          {FEATURES.map((feature) => (
            <li key={feature.title} className="card">
              <h3 className="card-title">{t(feature.title)}</h3>
              <p>{t(feature.body)}</p>
            </li>
          ))}
        </ul>
      </section>
      <p className="landing-note">{t("landing.invited")}</p>
    </>
  );
}

function Dashboard({ user }: { user: User }) {
  const { t } = useI18n();
  const roles = rolesOf(user);
  const items = navItemsFor(roles, true);
  const roleNames = roles.map((role) => t(`role.${role}`)).join(", ");
  // A citizen's agency and department are the host's and "국민심사단" by construction, not a workplace.
  const citizen = onlyScores(roles);
  return (
    <>
      <PageHeader
        title={t("home.greeting", { name: user.displayName })}
        lead={
          citizen
            ? t("home.citizenSummary", { agency: user.agency.name })
            : t("home.summary", {
                agency: user.department ? `${user.agency.name} ${user.department}` : user.agency.name,
                roles: roleNames || t("common.none"),
              })
        }
      />
      {roles.length === 0 ? <p className="notice notice-info">{t("home.noRoles")}</p> : null}
      {citizen ? (
        <Notice>
          <p>{t("home.citizenNote")}</p>
          <p className="button-row">
            <Link className="krds-btn primary medium" to="/judging">
              {t("home.citizenGo")}
            </Link>
          </p>
        </Notice>
      ) : null}
      <section aria-labelledby="home-cards">
        <h2 id="home-cards" className="section-title">
          {t("home.cardsTitle")}
        </h2>
        <ul className="card-grid">
          {[...items.filter((item) => Array.isArray(item.roles)), ...items.filter((item) => !Array.isArray(item.roles))].map(
            (item) => (
              <li key={item.id} className="card card-link">
                <h3 className="card-title">
                  <Link to={item.path}>{t(item.label)}</Link>
                </h3>
                <p>{t(item.description)}</p>
              </li>
            ),
          )}
          <li className="card card-link">
            <h3 className="card-title">
              <Link to="/me">{t("nav.me")}</Link>
            </h3>
            <p>{t("nav.desc.me")}</p>
          </li>
        </ul>
      </section>
    </>
  );
}
