import { describe, expect, it } from "vitest";
import { hasFormErrors, isProblem, problemToFormErrors } from "./problem";

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
