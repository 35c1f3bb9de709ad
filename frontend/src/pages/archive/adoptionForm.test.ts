import { describe, expect, it } from "vitest";
import { adoptionToForm, emptyAdoptionForm, emptyResultRow, formToAdoptionInput, type AdoptionForm } from "./adoptionForm";

const row = (values: Partial<ReturnType<typeof emptyResultRow>>) => ({ ...emptyResultRow(), ...values });

describe("adoption form", () => {
  it("needs the date for 도입 완료", () => {
    const { input, errors } = formToAdoptionInput({ ...emptyAdoptionForm("adopted"), adaptation: "동 단위로 운영" });
    expect(input).toBeNull();
    expect(errors).toEqual({ adoptedOn: "archive.adopt.error.dateRequired" });
  });

  it("refuses an impossible date", () => {
    expect(formToAdoptionInput({ ...emptyAdoptionForm("adopted"), adoptedOn: "2026-02-30" }).errors).toEqual({
      adoptedOn: "archive.adopt.error.dateFormat",
    });
  });

  it("sends 관심 without date or results", () => {
    const form: AdoptionForm = {
      status: "interested",
      adoptedOn: "2026-03-02",
      adaptation: "  검토 중  ",
      results: [row({ name: "처리 시간", before: "10", after: "5" })],
    };
    expect(formToAdoptionInput(form)).toEqual({ input: { status: "interested", adaptation: "검토 중" }, errors: {} });
  });

  it("sends 도입 완료 with the date, adaptation and filled result rows (blank rows dropped)", () => {
    const form: AdoptionForm = {
      status: "adopted",
      adoptedOn: "2026-03-02",
      adaptation: "",
      results: [
        row({ name: "통화 성공률", unit: "%", before: "70", after: "81.5" }),
        row({}),
        row({ name: "처리 시간", unit: "분", before: "1,200", after: "20", direction: "decrease" }),
      ],
    };
    expect(formToAdoptionInput(form)).toEqual({
      input: {
        status: "adopted",
        adoptedOn: "2026-03-02",
        results: [
          { name: "통화 성공률", unit: "%", before: 70, after: 81.5, direction: "increase" },
          { name: "처리 시간", unit: "분", before: 1200, after: 20, direction: "decrease" },
        ],
      },
      errors: {},
    });
  });

  it("reports half-filled result rows under the API's field paths", () => {
    const { input, errors } = formToAdoptionInput({
      status: "adopted",
      adoptedOn: "2026-03-02",
      adaptation: "가".repeat(2001),
      results: [row({}), row({ unit: "건", before: "열", after: "" })],
    });
    expect(input).toBeNull();
    expect(errors).toEqual({
      adaptation: "archive.adopt.error.adaptationLength",
      "results[1].name": "archive.adopt.error.nameRequired",
      "results[1].before": "archive.adopt.error.number",
      "results[1].after": "archive.adopt.error.valueRequired",
    });
  });

  it("starts from the agency's existing record", () => {
    const form = adoptionToForm({
      agency: { id: "a", name: "부천시" },
      status: "adopted",
      order: 1,
      adoptedOn: "2026-03-02",
      adaptation: "부천소방서와 협업",
      results: [
        {
          name: "통화 성공률", unit: "%", before: 70, after: 80, direction: "increase",
          improvement: { improved: true, delta: 10, percentagePoints: 10 },
        },
      ],
      updatedAt: "2026-03-03T00:00:00Z",
    });
    expect(form).toMatchObject({ status: "adopted", adoptedOn: "2026-03-02", adaptation: "부천소방서와 협업" });
    expect(form.results[0]).toMatchObject({ name: "통화 성공률", unit: "%", before: "70", after: "80", direction: "increase" });
  });
});
