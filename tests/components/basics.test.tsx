import { describe, expect, it, jest } from "@jest/globals";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { JoinForm } from "@/components/phone/JoinForm";
import { ConnectionBadge } from "@/components/ui/ConnectionBadge";
import { ErrorText } from "@/components/ui/ErrorText";
import { renderIntl } from "./render";

describe("ConnectionBadge", () => {
  it.each([
    ["connected", "Connected"],
    ["reconnecting", "Reconnecting…"],
    ["offline", "Offline"],
  ] as const)("shows %s", (state, text) => {
    renderIntl(<ConnectionBadge state={state} />);
    const badge = screen.getByTestId("connection");
    expect(badge).toHaveAttribute("data-state", state);
    expect(badge).toHaveTextContent(text);
  });

  it("speaks Kazakh", () => {
    renderIntl(<ConnectionBadge state="offline" />, "kk");
    expect(screen.getByTestId("connection")).toHaveTextContent("Желі жоқ");
  });
});

describe("JoinForm", () => {
  it("sends the code and nickname the participant typed", async () => {
    const onJoin = jest.fn(async (_code: string, _nickname: string) => null as string | null);
    renderIntl(<JoinForm initialCode="" onJoin={onJoin} />);
    await userEvent.type(screen.getByLabelText("Join code"), "abc def");
    await userEvent.type(screen.getByLabelText("Your name"), "Aida");
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(onJoin).toHaveBeenCalledWith("abc def", "Aida");
  });

  it("pre-fills the code from the QR link and shows the server's error in words", async () => {
    const onJoin = jest.fn(async (_code: string, _nickname: string) => "JOIN_CODE_UNKNOWN" as string | null);
    renderIntl(<JoinForm initialCode="ABCDEF" onJoin={onJoin} />);
    expect(screen.getByLabelText("Join code")).toHaveValue("ABCDEF");
    await userEvent.type(screen.getByLabelText("Your name"), "Aida");
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    await waitFor(() => expect(screen.getByRole("alert")).toHaveTextContent("No session has this code"));
  });

  it("renders an unknown error code as the generic message, never as HTML", async () => {
    renderIntl(<ErrorText code={"<img src=x onerror=alert(1)>"} />);
    // Unknown codes fall back to the generic message; nothing is injected.
    expect(screen.getByRole("alert")).toHaveTextContent("Something went wrong");
    expect(document.querySelector("img")).toBeNull();
  });
});

describe("message catalogues", () => {
  const flatten = (o: object, prefix = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === "object" ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
  it("have the same keys in English, Russian and Kazakh", async () => {
    const en = flatten((await import("@/lib/i18n/messages/en.json")).default);
    const ru = flatten((await import("@/lib/i18n/messages/ru.json")).default);
    const kk = flatten((await import("@/lib/i18n/messages/kk.json")).default);
    expect(ru.sort()).toEqual([...en].sort());
    expect(kk.sort()).toEqual([...en].sort());
  });
});
