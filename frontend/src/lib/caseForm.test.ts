import { describe, expect, it } from "vitest";
import { caseToForm, emptyMetric, formToInput } from "./caseForm";

const content = {
  title: "복지사각지대 발굴",
  summary: "",
  problem: "",
  solution: "",
  outcomes: "",
  tags: ["복지"],
  metrics: [
    {
      name: "통화 성공률",
      unit: "%",
      before: 74.7,
      after: 85.8,
      direction: "increase" as const,
      improvement: { improved: true, delta: 11.1, percentagePoints: 11.1 },
    },
  ],
  collaborators: [{ name: "복지정책과", kind: "department" as const }],
};

describe("case form ↔ CaseInput", () => {
  it("round-trips a case and omits empty optional fields", () => {
    const { input, errors } = formToInput(caseToForm(content));
    expect(errors).toEqual({});
    expect(input).toEqual({
      title: "복지사각지대 발굴",
      summary: "",
      problem: "",
      solution: "",
      outcomes: "",
      tags: ["복지"],
      beneficiaries: "",
      metrics: [{ name: "통화 성공률", unit: "%", before: 74.7, after: 85.8, direction: "increase" }],
      collaborators: [{ name: "복지정책과", kind: "department" }],
    });
  });

  it("sends numbers, dates and choices when set", () => {
    const form = caseToForm(content);
    Object.assign(form, {
      categoryId: "c1", costKrw: "3,000,000", savingsKrw: "0", startedOn: "2024-03-01",
      stage: "pilot", evidenceLevel: "3", licence: "kogl1",
    });
    const { input } = formToInput(form);
    expect(input).toMatchObject({
      categoryId: "c1", costKrw: 3_000_000, savingsKrw: 0, startedOn: "2024-03-01",
      stage: "pilot", evidenceLevel: 3, licence: "kogl1",
    });
  });

  it("reports bad numbers locally, sends them as typed and leaves empty metric values for the server to name", () => {
    const form = caseToForm(content);
    form.title = "  ";
    form.costKrw = "삼백만원";
    form.metrics.push({ ...emptyMetric(), name: "처리 시간", before: "12x" });
    const { input, errors } = formToInput(form);
    expect(errors).toEqual({
      title: "caseEditor.error.titleRequired",
      costKrw: "caseEditor.error.krw",
      "metrics[1].before": "caseEditor.error.number",
    });
    expect(input.costKrw).toBe("삼백만원");
    expect(input.metrics?.[1]).toEqual({ name: "처리 시간", unit: "", direction: "increase", before: "12x" });
    form.metrics[1]!.before = "";
    expect(formToInput(form).input.metrics?.[1]).toEqual({ name: "처리 시간", unit: "", direction: "increase" });
  });
});
