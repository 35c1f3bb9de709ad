import { describe, expect, it } from "vitest";
import { hasFormErrors, isProblem, normalizeFieldPath, problemToFormErrors, problemToPathErrors, withLocalErrors } from "./problem";

const validation = {
  type: "/docs#problem-validation_failed",
  title: "입력값이 올바르지 않습니다",
  status: 400,
  code: "validation_failed",
  detail: "입력 내용을 확인해 주세요.",
  errors: [
    { field: "email", code: "format", message: "이메일 형식이 아닙니다." },
    { field: "email", code: "max_length", message: "이메일이 너무 깁니다." },
    { field: "password", code: "required", message: "비밀번호를 입력하세요." },
    { field: "extra", code: "unknown_field", message: "알 수 없는 항목: extra" },
  ],
};

describe("problemToFormErrors", () => {
  it("puts each field message next to its field and keeps the detail as summary", () => {
    const result = problemToFormErrors(validation, ["email", "password"] as const, "fallback");
    expect(result.summary).toBe("입력 내용을 확인해 주세요.");
    expect(result.fields).toEqual({ email: "이메일 형식이 아닙니다.", password: "비밀번호를 입력하세요." });
    expect(result.other).toEqual(["알 수 없는 항목: extra"]);
    expect(hasFormErrors(result)).toBe(true);
  });

  it("matches nested paths by their top-level field and maps aliases", () => {
    const problem = {
      title: "Invalid",
      status: 400,
      code: "validation_failed",
      errors: [
        { field: "agencyId", code: "format", message: "Choose an agency." },
        { field: "metrics[0].before", code: "type", message: "Must be a number." },
      ],
    };
    const result = problemToFormErrors(problem, ["agency", "metrics"] as const, "fallback", { agencyId: "agency" });
    expect(result.fields).toEqual({ agency: "Choose an agency.", metrics: "Must be a number." });
    expect(result.summary).toBe("Invalid"); // no detail: the title
  });

  it("shows the server's detail for errors without field errors (wrong password)", () => {
    const problem = {
      type: "/docs#problem-invalid_credentials",
      title: "로그인 실패",
      status: 401,
      code: "invalid_credentials",
      detail: "이메일 또는 비밀번호가 올바르지 않습니다.",
    };
    const result = problemToFormErrors(problem, ["email", "password"] as const, "fallback");
    expect(result).toEqual({ summary: "이메일 또는 비밀번호가 올바르지 않습니다.", fields: {}, other: [] });
  });

  it("uses the fallback when the body is not a problem document", () => {
    for (const body of [undefined, null, "Bad Gateway", { message: "x" }]) {
      expect(problemToFormErrors(body, ["email"] as const, "서버 오류")).toEqual({
        summary: "서버 오류",
        fields: {},
        other: [],
      });
    }
  });

  it("recognizes problem documents", () => {
    expect(isProblem(validation)).toBe(true);
    expect(isProblem({ status: 404, code: "not_found" })).toBe(true);
    expect(isProblem({ status: "404" })).toBe(false);
    expect(isProblem([])).toBe(false);
  });
});

describe("problemToPathErrors (nested and repeated fields)", () => {
  const problem = {
    type: "/docs#problem-validation_failed",
    title: "입력값을 확인해 주세요",
    status: 400,
    code: "validation_failed",
    detail: "일부 항목이 올바르지 않습니다.",
    errors: [
      { field: "metrics[0].name", code: "min_length", message: "1자 이상 입력해 주세요." },
      { field: "metrics.1.before", code: "required", message: "필수 입력 항목입니다." },
      { field: "/collaborators/0/kind", code: "enum", message: "허용된 값 중에서 골라 주세요." },
      { field: "categoryId", code: "required", message: "분야를 고르세요." },
      { field: "metrics[2].extra", code: "unknown_field", message: "알 수 없는 항목입니다." },
      { field: "attachmentsNote", code: "unknown_field", message: "모르는 항목" },
    ],
  };
  const shows = (path: string) =>
    /^(title|category|metrics)$|^metrics\[\d+\]$|^metrics\[\d+\]\.(name|before)$|^collaborators\[\d+\]\.kind$/.test(path);

  it("keeps each message under its full path, normalizing dotted and pointer spellings", () => {
    const result = problemToPathErrors(problem, shows, "fallback", { categoryId: "category" });
    expect(result.summary).toBe("일부 항목이 올바르지 않습니다.");
    expect(result.fields).toEqual({
      "metrics[0].name": "1자 이상 입력해 주세요.",
      "metrics[1].before": "필수 입력 항목입니다.",
      "collaborators[0].kind": "허용된 값 중에서 골라 주세요.",
      category: "분야를 고르세요.",
      "metrics[2]": "알 수 없는 항목입니다.", // no place for .extra: the row shows it
    });
    expect(result.other).toEqual(["모르는 항목"]);
    expect(result.paths).toContain("metrics[1].before");
  });

  it("maps round form paths such as schedule.submissionClosesAt and awardTiers[0].prizeKrw", () => {
    const round = {
      title: "Invalid",
      status: 400,
      code: "validation_failed",
      errors: [
        { field: "schedule.submissionClosesAt", code: "after", message: "접수 시작보다 늦어야 합니다." },
        { field: "awardTiers[0].prizeKrw", code: "min", message: "0 이상이어야 합니다." },
      ],
    };
    const result = problemToPathErrors(round, (p) => p.startsWith("schedule.") || /^awardTiers\[\d+\]\.\w+$/.test(p), "x");
    expect(result.fields).toEqual({
      "schedule.submissionClosesAt": "접수 시작보다 늦어야 합니다.",
      "awardTiers[0].prizeKrw": "0 이상이어야 합니다.",
    });
  });

  it("normalizes field paths", () => {
    expect(normalizeFieldPath("metrics.0.name")).toBe("metrics[0].name");
    expect(normalizeFieldPath("/metrics/10/after")).toBe("metrics[10].after");
    expect(normalizeFieldPath("tags[3]")).toBe("tags[3]");
    expect(normalizeFieldPath("schedule.submissionClosesAt")).toBe("schedule.submissionClosesAt");
  });

  it("falls back for bodies that are not problems", () => {
    expect(problemToPathErrors("Bad Gateway", () => true, "서버 오류")).toEqual({ summary: "서버 오류", fields: {}, other: [], paths: [] });
  });
});

describe("withLocalErrors (all of a form's errors at once)", () => {
  it("puts the form's words over the server's for the same path and keeps the server's others", () => {
    const server = problemToPathErrors(
      {
        type: "/docs#problem-validation_failed", title: "입력값을 확인해 주세요", status: 400, code: "validation_failed",
        errors: [
          { field: "metrics[0].before", code: "type", message: "number 형식이어야 합니다." },
          { field: "categoryId", code: "not_found", message: "찾을 수 없습니다." },
        ],
      },
      () => true,
      "fallback",
      { categoryId: "category" },
    );
    const merged = withLocalErrors(server, { "metrics[0].before": "숫자만 입력하세요.", costKrw: "원 단위의 숫자만 입력하세요." });
    expect(merged.fields).toEqual({
      "metrics[0].before": "숫자만 입력하세요.",
      category: "찾을 수 없습니다.",
      costKrw: "원 단위의 숫자만 입력하세요.",
    });
    expect(merged.paths).toEqual(["metrics[0].before", "category", "costKrw"]);
    expect(merged.summary).toBe("입력값을 확인해 주세요");
  });
});
