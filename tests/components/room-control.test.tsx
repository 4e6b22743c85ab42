import { describe, expect, it, jest } from "@jest/globals";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ParticipantList } from "@/components/console/ParticipantList";
import { RoomControls } from "@/components/console/RoomControls";
import type { RoomAction } from "@/components/console/room-action";
import { RemovedCard } from "@/components/phone/RemovedCard";
import { WaitingCard } from "@/components/phone/WaitingCard";
import { markRemoved, wasRemoved } from "@/lib/client/participant-pass";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { renderIntl } from "./render";

function sessionWith(names: string[], patch: Partial<SessionState> = {}): SessionState {
  const s = emptySessionState("s1");
  const ids = names.map((_, i) => `p${i + 1}`);
  return {
    ...s,
    code: "ABC234",
    title: "Room",
    participantOrder: ids,
    participants: Object.fromEntries(ids.map((id, i) => [id, { id, nickname: names[i], joinedAt: i }])),
    ...patch,
  };
}

function actions() {
  return jest.fn(async (_a: RoomAction) => true);
}

describe("ParticipantList", () => {
  it("labels each checkbox with the nickname and removes the ticked ones, notes kept by default", async () => {
    const onAction = actions();
    renderIntl(<ParticipantList session={sessionWith(["Aida", "Bolat", "Dana"])} online={new Set(["p1"])} onAction={onAction} busy={false} />);
    expect(screen.getAllByTestId("participant-name").map((e) => e.textContent)).toEqual(["Aida", "Bolat", "Dana"]);
    expect(screen.getByRole("button", { name: "Remove selected" })).toBeDisabled();
    await userEvent.click(screen.getByRole("checkbox", { name: "Bolat" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Dana" }));
    expect(screen.getByTestId("selected-count")).toHaveTextContent("2 selected");
    await userEvent.click(screen.getByRole("button", { name: "Remove selected" }));
    const dialog = screen.getByTestId("remove-dialog");
    expect(dialog).toHaveTextContent("Remove 2 participants?");
    expect(dialog).toHaveTextContent("Bolat, Dana");
    expect(within(dialog).getByRole("radio", { name: "Keep their notes" })).toBeChecked();
    await userEvent.click(within(dialog).getByRole("button", { name: "Remove" }));
    expect(onAction).toHaveBeenCalledWith({ type: "participant:remove", participantIds: ["p2", "p3"], keepNotes: true });
    await waitFor(() => expect(screen.queryByTestId("remove-dialog")).toBeNull());
    expect(screen.getByTestId("selected-count")).toHaveTextContent("");
  });

  it("removes their notes too when asked, and cancels without sending", async () => {
    const onAction = actions();
    renderIntl(<ParticipantList session={sessionWith(["Aida", "Bolat"])} online={new Set()} onAction={onAction} busy={false} />);
    await userEvent.click(screen.getByRole("checkbox", { name: "Aida" }));
    await userEvent.click(screen.getByRole("button", { name: "Remove selected" }));
    await userEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onAction).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: "Remove selected" }));
    await userEvent.click(screen.getByRole("radio", { name: "Remove their notes too" }));
    await userEvent.click(within(screen.getByTestId("remove-dialog")).getByRole("button", { name: "Remove" }));
    expect(onAction).toHaveBeenCalledWith({ type: "participant:remove", participantIds: ["p1"], keepNotes: false });
  });

  it("filters by name, and Select all takes only the people shown", async () => {
    const names = Array.from({ length: 200 }, (_, i) => `Guest ${i + 1}`);
    renderIntl(<ParticipantList session={sessionWith(names)} online={new Set()} onAction={actions()} busy={false} />);
    expect(screen.getAllByTestId("participant")).toHaveLength(200);
    await userEvent.type(screen.getByLabelText("Filter by name"), "guest 19");
    // Guest 19 and Guest 190..199.
    expect(screen.getAllByTestId("participant")).toHaveLength(11);
    await userEvent.click(screen.getByRole("button", { name: "Select all" }));
    expect(screen.getByTestId("selected-count")).toHaveTextContent("11 selected");
    await userEvent.clear(screen.getByLabelText("Filter by name"));
    await userEvent.type(screen.getByLabelText("Filter by name"), "nobody");
    expect(screen.getByText("Nobody matches “nobody”.")).toBeInTheDocument();
  });

  it("renames a row inline", async () => {
    const onAction = actions();
    renderIntl(<ParticipantList session={sessionWith(["Aida", "Rude"])} online={new Set()} onAction={onAction} busy={false} />);
    const rude = screen.getAllByTestId("participant")[1];
    await userEvent.click(within(rude).getByRole("button", { name: "Rename" }));
    const input = screen.getByLabelText("New name");
    expect(input).toHaveValue("Rude");
    await userEvent.clear(input);
    await userEvent.type(input, "Kind{Enter}");
    expect(onAction).toHaveBeenCalledWith({ type: "participant:rename", participantId: "p2", nickname: "Kind" });
    await waitFor(() => expect(screen.queryByLabelText("New name")).toBeNull());
  });
});

describe("RoomControls", () => {
  it("locks and unlocks, with the button saying what it will do", async () => {
    const onAction = actions();
    const { unmount } = renderIntl(<RoomControls session={sessionWith(["Aida"])} onAction={onAction} busy={false} />);
    await userEvent.click(screen.getByRole("button", { name: "Lock joining" }));
    expect(onAction).toHaveBeenCalledWith({ type: "room:configure", locked: true });
    unmount();
    renderIntl(<RoomControls session={sessionWith(["Aida"], { room: { locked: true, approveJoiners: false, cap: null } })} onAction={onAction} busy={false} />);
    expect(screen.getByRole("button", { name: "Unlock joining" })).toBeInTheDocument();
  });

  it("turns approval on, sets and clears a cap", async () => {
    const onAction = actions();
    renderIntl(<RoomControls session={sessionWith(["Aida"])} onAction={onAction} busy={false} />);
    await userEvent.click(screen.getByLabelText("Approve joiners"));
    expect(onAction).toHaveBeenCalledWith({ type: "room:configure", approveJoiners: true });
    await userEvent.type(screen.getByLabelText("Most participants"), "30");
    await userEvent.click(screen.getByRole("button", { name: "Set limit" }));
    expect(onAction).toHaveBeenCalledWith({ type: "room:configure", cap: 30 });
  });

  it("lists who waits, lets one or everyone in", async () => {
    const onAction = actions();
    renderIntl(
      <RoomControls session={sessionWith(["Aida", "Bolat", "Dana"], { waiting: ["p2", "p3"], room: { locked: false, approveJoiners: true, cap: null } })} onAction={onAction} busy={false} />,
    );
    const people = screen.getAllByTestId("waiting-person");
    expect(people.map((p) => p.textContent)).toEqual(["BolatLet in", "DanaLet in"]);
    expect(screen.getByTestId("waiting-list")).toHaveTextContent("2 people are waiting to come in");
    await userEvent.click(within(people[1]).getByRole("button", { name: "Let in" }));
    expect(onAction).toHaveBeenCalledWith({ type: "participant:admit", participantIds: ["p3"] });
    await userEvent.click(screen.getByRole("button", { name: "Let everyone in" }));
    expect(onAction).toHaveBeenCalledWith({ type: "participant:admit", participantIds: ["p2", "p3"] });
  });
});

describe("the phone's room screens", () => {
  it("says calmly that the trainer removed it, in three languages", () => {
    const { unmount } = renderIntl(<RemovedCard />);
    expect(screen.getByTestId("removed")).toHaveTextContent("The trainer removed you from this session.");
    unmount();
    renderIntl(<RemovedCard />, "ru");
    expect(screen.getByTestId("removed")).toHaveTextContent("Тренер удалил вас из этой сессии.");
  });

  it("waits for the trainer", () => {
    renderIntl(<WaitingCard name="Aida" title="Room" />, "kk");
    expect(screen.getByTestId("waiting")).toHaveTextContent("Тренер сізді кіргізгенше күтіңіз");
    expect(screen.getByTestId("waiting")).toHaveTextContent("Aida");
  });

  it("remembers a removal per code for a day", () => {
    markRemoved("ABC234", 1_000);
    expect(wasRemoved("ABC234", 2_000)).toBe(true);
    expect(wasRemoved("XYZ789", 2_000)).toBe(false);
    expect(wasRemoved("ABC234", 1_000 + 25 * 3600_000)).toBe(false);
  });
});
