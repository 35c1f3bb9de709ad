import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { problem } from "../test/fakeServer";
import { renderApp } from "../test/renderApp";

describe("invitation page", () => {
  it("says so when the invitation was revoked", async () => {
    await renderApp("/invite/revoked-token-0123456789", (_request, seen) =>
      seen.path === "/api/v1/invitations/revoked-token-0123456789" ? problem(410, "invitation_revoked", "취소된 초대입니다") : null,
    );
    expect((await screen.findByRole("alert")).textContent).toBe(
      "초대한 담당자가 이 초대를 취소했습니다. 필요하면 새 초대 링크를 요청하세요.",
    );
  });
});
