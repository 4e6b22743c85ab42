import { describe, expect, it } from "@jest/globals";
import { screen } from "@testing-library/react";
import { ResumeCard } from "@/components/phone/ResumeCard";
import { outboxKey } from "@/lib/client/outbox";
import { renderIntl } from "./render";

const pass = { token: "t", sessionId: "s1", participantId: "p1", code: "ABC234" };

function queue(entries: { name: string; payload: Record<string, unknown> }[]) {
  window.localStorage.setItem(outboxKey("s1", "p1"), JSON.stringify(entries.map((e, i) => ({ ...e, payload: { id: `c${i}`, ...e.payload }, createdAt: i }))));
}

describe("ResumeCard (a joined phone reloaded offline)", () => {
  it("lists the queued notes and counts strokes and other changes", () => {
    queue([
      { name: "note:add", payload: { noteId: "n1", text: "From the metro" } },
      { name: "stroke:commit", payload: { sketchId: "k", stroke: {} } },
      { name: "stroke:commit", payload: { sketchId: "k", stroke: {} } },
      { name: "note:vote", payload: { noteId: "n0", on: true } },
    ]);
    renderIntl(<ResumeCard pass={pass} state="offline" />);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("You're still in the session");
    expect(screen.getByTestId("phone-resume")).toHaveTextContent("Your phone is offline");
    expect(screen.getAllByTestId("pending-note")).toHaveLength(1);
    expect(screen.getByTestId("pending-note")).toHaveTextContent("From the metro");
    expect(screen.getByTestId("pending-strokes")).toHaveTextContent("2 strokes waiting to send");
    expect(screen.getByTestId("pending-changes")).toHaveTextContent("1 other change waiting to send");
  });

  it("says it is reconnecting when not offline, and lists nothing when nothing waits", () => {
    window.localStorage.removeItem(outboxKey("s1", "p1"));
    renderIntl(<ResumeCard pass={pass} state="reconnecting" />);
    expect(screen.getByTestId("phone-resume")).toHaveTextContent("Reconnecting to the session…");
    expect(screen.queryByTestId("pending-note")).toBeNull();
  });

  it("speaks Russian and Kazakh", () => {
    queue([
      { name: "note:edit", payload: { noteId: "n1", text: "x" } },
      { name: "note:delete", payload: { noteId: "n2" } },
      { name: "note:vote", payload: { noteId: "n3", on: false } },
    ]);
    const { unmount } = renderIntl(<ResumeCard pass={pass} state="offline" />, "ru");
    expect(screen.getByTestId("pending-changes")).toHaveTextContent("3 других изменения ждут отправки");
    unmount();
    renderIntl(<ResumeCard pass={pass} state="offline" />, "kk");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Сіз әлі сабақтасыз");
    expect(screen.getByTestId("pending-changes")).toHaveTextContent("Жіберуді күтіп тұрған басқа өзгерістер: 3");
  });
});
