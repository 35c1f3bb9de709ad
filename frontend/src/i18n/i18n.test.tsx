import { act, fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { LanguageSwitch } from "../components/Layout";
import { I18nProvider, useI18n } from "./I18nProvider";
import { en, ko, type MessageKey } from "./messages";
import { LANGUAGE_STORAGE_KEY, LanguageStore } from "./store";
import { acceptLanguageOf, createTranslator, normalizeLanguage } from "./translate";

describe("translator", () => {
  it("uses Korean by default and English when chosen", () => {
    expect(createTranslator("ko")("login.title")).toBe("로그인");
    expect(createTranslator("en")("login.title")).toBe("Log in");
  });

  it("falls back to Korean for a key the language lacks, then to the key itself", () => {
    const t = createTranslator("en", { ko: { "login.title": "로그인", "nav.users": "사용자" }, en: { "nav.users": "Users" } });
    expect(t("nav.users")).toBe("Users");
    expect(t("login.title")).toBe("로그인");
    expect(t("nav.agencies")).toBe("nav.agencies");
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    const t = createTranslator("ko");
    expect(t("home.greeting", { name: "김혜진" })).toBe("김혜진님, 환영합니다");
    expect(createTranslator("en")("home.greeting", { name: "Kim" })).toBe("Welcome, Kim");
    expect(t("home.greeting")).toBe("{name}님, 환영합니다");
  });

  it("has an English text for every Korean key", () => {
    const missing = (Object.keys(ko) as MessageKey[]).filter((key) => !en[key]);
    expect(missing).toEqual([]);
  });

  it("normalizes stored or requested languages", () => {
    expect(normalizeLanguage("en")).toBe("en");
    expect(normalizeLanguage("en-US")).toBe("en");
    expect(normalizeLanguage("KO_kr")).toBe("ko");
    expect(normalizeLanguage("fr")).toBe("ko");
    expect(normalizeLanguage(null)).toBe("ko");
    expect(acceptLanguageOf("en")).toBe("en");
    expect(acceptLanguageOf("ko")).toBe("ko");
  });
});

describe("LanguageStore", () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.lang = "";
  });

  it("defaults to Korean and sets <html lang>", () => {
    const store = new LanguageStore(localStorage);
    expect(store.get()).toBe("ko");
    expect(document.documentElement.lang).toBe("ko");
  });

  it("remembers the choice in localStorage and notifies listeners", () => {
    const store = new LanguageStore(localStorage);
    const seen: string[] = [];
    store.subscribe((language) => seen.push(language));
    store.set("en");
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("en");
    expect(document.documentElement.lang).toBe("en");
    expect(seen).toEqual(["en"]);
    expect(new LanguageStore(localStorage).get()).toBe("en");
  });

  it("ignores an unsupported stored value", () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, "xx");
    expect(new LanguageStore(localStorage).get()).toBe("ko");
  });

  it("works without storage", () => {
    const store = new LanguageStore(null);
    store.set("en");
    expect(store.get()).toBe("en");
  });
});

function Title() {
  const { t } = useI18n();
  return <h1>{t("login.title")}</h1>;
}

describe("language switch", () => {
  beforeEach(() => localStorage.clear());

  it("switches the rendered UI between Korean and English", () => {
    const store = new LanguageStore(localStorage);
    render(
      <I18nProvider store={store}>
        <Title />
        <LanguageSwitch />
      </I18nProvider>,
    );
    expect(screen.getByRole("heading").textContent).toBe("로그인");
    const toEnglish = screen.getByRole("button", { name: "Switch to English" });
    expect(toEnglish.getAttribute("lang")).toBe("en");

    act(() => fireEvent.click(toEnglish));
    expect(screen.getByRole("heading").textContent).toBe("Log in");
    expect(document.documentElement.lang).toBe("en");

    act(() => fireEvent.click(screen.getByRole("button", { name: "한국어로 보기" })));
    expect(screen.getByRole("heading").textContent).toBe("로그인");
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe("ko");
  });
});
