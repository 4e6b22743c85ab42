import { describe, expect, it, jest } from "@jest/globals";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { BoardPanel, type BoardAction } from "@/components/board/BoardPanel";
import { DEFAULT_BOARD, type BoardSettings, type Note } from "@/lib/domain/board";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { renderIntl } from "./render";

function note(id: string, text: string): Note {
  return { id, groupId: null, stepId: null, text, authorId: null, anonymous: false, status: "visible", flagged: false, clusterId: null, votes: 0, createdAt: 1, editedAt: null };
}

function session(board: Partial<BoardSettings> = {}): SessionState {
  const notes = [note("note-aaaa1", "Check the contract"), note("note-bbbb2", "Call 111")];
  return { ...emptySessionState("s1"), notes: Object.fromEntries(notes.map((n) => [n.id, n])), noteOrder: notes.map((n) => n.id), board: { ...DEFAULT_BOARD, ...board } };
}

describe("the trainer's wall view picker", () => {
  it.each([
    ["votes", { wallView: "votes" }],
    ["cloud", { wallView: "cloud" }],
    ["single", { wallView: "single" }],
    ["cluster", { wallView: "cluster", wallGroupBy: "cluster" }],
  ] as const)("picks %s", async (view, settings) => {
    const onAction = jest.fn(async (_a: BoardAction) => true);
    renderIntl(<BoardPanel session={session()} onAction={onAction} busy={false} />);
    await userEvent.selectOptions(screen.getByLabelText("Wall view"), view);
    expect(onAction).toHaveBeenCalledWith({ type: "board:configure", settings });
  });

  it("puts one note on the wall, enlarged, and shows which", async () => {
    const onAction = jest.fn(async (_a: BoardAction) => true);
    const { unmount } = renderIntl(<BoardPanel session={session()} onAction={onAction} busy={false} />);
    const target = screen.getAllByTestId("note").find((n) => n.textContent?.includes("Call 111"))!;
    await userEvent.click(within(target).getByRole("button", { name: "Show on the wall" }));
    expect(onAction).toHaveBeenCalledWith({ type: "board:configure", settings: { wallView: "single", wallNote: "note-bbbb2" } });
    unmount();
    renderIntl(<BoardPanel session={session({ wallView: "single", wallNote: "note-bbbb2" })} onAction={onAction} busy={false} />);
    const shown = screen.getAllByTestId("note").find((n) => n.textContent?.includes("Call 111"))!;
    expect(within(shown).getByRole("button", { name: "On the wall" })).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByLabelText("Wall view")).toHaveValue("single");
  });

  it("speaks Russian and Kazakh", () => {
    const onAction = jest.fn(async (_a: BoardAction) => true);
    const { unmount } = renderIntl(<BoardPanel session={session()} onAction={onAction} busy={false} />, "ru");
    expect(screen.getByLabelText("Вид стены")).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "Облако слов" })).toBeInTheDocument();
    unmount();
    renderIntl(<BoardPanel session={session()} onAction={onAction} busy={false} />, "kk");
    expect(screen.getByLabelText("Қабырға көрінісі")).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "Сөз бұлты" })).toBeInTheDocument();
  });
});
