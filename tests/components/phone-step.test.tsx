import { afterEach, beforeEach, describe, expect, it, jest } from "@jest/globals";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { GroupChip, PhoneGroup } from "@/components/groups/PhoneGroup";
import { EarlierWork, mySketches } from "@/components/phone/EarlierWork";
import { HelpSheet } from "@/components/phone/HelpSheet";
import { PhoneBar } from "@/components/phone/PhoneBar";
import { PhoneStep } from "@/components/phone/PhoneStep";
import { useNoteOutcomes } from "@/components/phone/useNoteOutcomes";
import type { LiveConnection, OutboxResult } from "@/lib/client/live-connection";
import type { OutboxEntry } from "@/lib/client/outbox";
import type { Note } from "@/lib/domain/board";
import { EXAMPLE_HELP_CONTACTS, type HelpInfo } from "@/lib/domain/help-contacts";
import { stepSchema } from "@/lib/domain/plan-schema";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { renderIntl } from "./render";

const ME = "p1";
const REAL: HelpInfo = {
  examples: false,
  contacts: [
    { name: "Shanyrak Hotline", phone: "+7 700 000 11 22", hours: "24/7", helpsWith: "Advice for young people", verifiedOn: "2026-05-01", source: "shanyrak.example.org" },
    { name: "Youth line", phone: "150", hours: "", helpsWith: "", verifiedOn: "2026-04-20", source: "a call to the line" },
    { name: "Unchecked line", phone: "8 800 000 00 00", hours: "", helpsWith: "" },
  ],
};
const EXAMPLES: HelpInfo = { examples: true, contacts: EXAMPLE_HELP_CONTACTS };

const note = (id: string, text: string, authorId: string | null, groupId = "g1"): Note => ({
  id,
  groupId,
  stepId: "brainstorm",
  text,
  authorId,
  anonymous: false,
  status: "visible",
  flagged: false,
  clusterId: null,
  votes: 0,
  createdAt: 0,
  editedAt: null,
});

function session(): SessionState {
  const s = emptySessionState("s1");
  return {
    ...s,
    status: "live",
    participants: { p1: { id: "p1", nickname: "Aida" }, p2: { id: "p2", nickname: "Bolat" }, p3: { id: "p3", nickname: "Dana" } } as unknown as SessionState["participants"],
    participantOrder: ["p1", "p2", "p3"],
    groups: { g1: { id: "g1", name: "Lynx", colour: "#f59e0b", active: true }, g2: { id: "g2", name: "Eagle", colour: "#2563eb", active: true } },
    groupOrder: ["g1", "g2"],
    membership: { p1: "g1", p2: "g1", p3: "g2" },
    groupSizes: { g1: 2, g2: 1 },
    notes: { n1: note("n1", "Check the employer", ME), n2: note("n2", "Keep copies of documents", "p2") },
    noteOrder: ["n1", "n2"],
  };
}

/** A connection whose outbox only the test answers. */
function fakeConnection() {
  const listeners = new Set<(r: OutboxResult) => void>();
  const connection = {
    queue: jest.fn(() => "cmd-1"),
    send: jest.fn(async () => ({ ok: true })),
    onOutboxResult: (l: (r: OutboxResult) => void) => {
      listeners.add(l);
      return () => void listeners.delete(l);
    },
  } as unknown as LiveConnection;
  const answer = (entry: OutboxEntry, ack: OutboxResult["ack"]) => act(() => listeners.forEach((l) => l({ entry, ack })));
  return { connection, answer };
}

const step = (raw: object) => stepSchema.parse(raw);

describe("HelpSheet", () => {
  it("opens the session's real contacts in one tap, with call and text links, and closes with Escape", async () => {
    renderIntl(
      <PhoneBar>
        <HelpSheet help={REAL} />
      </PhoneBar>,
    );
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.queryByTestId("help-contact")).toBeNull();
    const button = within(screen.getByRole("navigation", { name: "Quick actions" })).getByRole("button", { name: "Help" });
    await userEvent.click(button);
    const dialog = screen.getByRole("dialog", { name: "Where to get help" });
    expect(within(dialog).getAllByTestId("help-contact")).toHaveLength(3);
    expect(within(dialog).getByRole("link", { name: "Call +7 700 000 11 22" })).toHaveAttribute("href", "tel:+77000001122");
    expect(within(dialog).getByRole("link", { name: "Send a text message to Shanyrak Hotline" })).toHaveAttribute("href", "sms:+77000001122");
    expect(within(dialog).getByRole("link", { name: "Call 150" })).toHaveAttribute("href", "tel:150");
    // A number saved without a check date and source is shown, never offered as a link.
    const unchecked = within(dialog).getAllByTestId("help-contact")[2];
    expect(unchecked).toHaveTextContent("8 800 000 00 00");
    expect(within(unchecked).queryAllByRole("link")).toHaveLength(0);
    expect(within(dialog).getAllByRole("link")).toHaveLength(4);
    expect(within(dialog).queryByTestId("help-examples")).toBeNull();
    expect(within(dialog).getByRole("button", { name: "Close" })).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("labels example contacts as examples, in the phone's language, and never links them", async () => {
    renderIntl(<HelpSheet help={EXAMPLES} />, "ru");
    await userEvent.click(screen.getByRole("button", { name: "Помощь" }));
    const dialog = screen.getByRole("dialog", { name: "Куда обратиться за помощью" });
    expect(within(dialog).getByTestId("help-examples")).toHaveTextContent("не настоящие номера");
    expect(within(dialog).queryAllByRole("link")).toHaveLength(0);
    const contacts = within(dialog).getAllByTestId("help-contact");
    expect(contacts).toHaveLength(2);
    expect(contacts[0]).toHaveTextContent("000 000 000");
    expect(contacts[0]).toHaveTextContent("Номер для примера, не настоящая служба");
    expect(contacts[0]).not.toHaveTextContent("Example national hotline");
    await userEvent.click(within(dialog).getByRole("button", { name: "Закрыть" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(screen.getByRole("button", { name: "Помощь" })).toHaveFocus();
  });
});

describe("PhoneStep", () => {
  it("puts the help contacts right under the title, before the step's text", () => {
    renderIntl(
      <PhoneStep
        step={step({ id: "help", kind: "help", title: { en: "Where to get help" }, body: { en: "You are not alone." }, task: { en: "Save a number." } })}
        locale="en"
        help={REAL}
      />,
    );
    const article = screen.getByTestId("step");
    const order = [...article.querySelectorAll("[data-testid]")].map((e) => e.getAttribute("data-testid")).filter((id) => ["step-title", "help-contacts", "step-task", "step-body"].includes(id!));
    expect(order).toEqual(["step-title", "help-contacts", "step-task", "step-body"]);
    expect(screen.getByRole("link", { name: "Call +7 700 000 11 22" })).toHaveAttribute("href", "tel:+77000001122");
  });

  it("shows a discussion's questions before its text, and the action after them", () => {
    renderIntl(
      <PhoneStep
        step={step({ id: "talk", kind: "discussion", title: { en: "Group discussion", ru: "Обсуждение в группах" }, body: { en: "Talk in your group." }, prompts: [{ en: "One?", ru: "Первый?" }, { en: "Two?" }] })}
        locale="ru"
        help={EXAMPLES}
      >
        <p data-testid="action">action</p>
      </PhoneStep>,
      "ru",
    );
    expect(screen.getByTestId("step-title")).toHaveTextContent("Обсуждение в группах");
    expect(screen.getAllByTestId("step-prompt").map((p) => p.textContent)).toEqual(["Первый?", "Two?"]);
    const ids = [...screen.getByTestId("step").querySelectorAll("[data-testid]")].map((e) => e.getAttribute("data-testid"));
    expect(ids.indexOf("step-prompt")).toBeLessThan(ids.indexOf("action"));
    expect(screen.queryByTestId("help-contacts")).toBeNull();
  });

  it("keeps a sketch step to its title and question, so the pad gets the screen", () => {
    renderIntl(
      <PhoneStep
        step={step({ id: "poster", kind: "sketch", title: { en: "Sketch: a poster" }, body: { en: "Long explanation" }, task: { en: "Draw, then tap Done." }, prompts: [{ en: "Draw a poster" }] })}
        locale="en"
        help={EXAMPLES}
        fill
      >
        <div data-testid="pad" />
      </PhoneStep>,
    );
    expect(screen.getByTestId("step-prompt")).toHaveTextContent("Draw a poster");
    expect(screen.queryByTestId("step-body")).toBeNull();
    expect(screen.queryByTestId("step-task")).toBeNull();
    expect(screen.getByTestId("pad")).toBeInTheDocument();
  });

  it("shows a video's pause prompt first", () => {
    renderIntl(
      <PhoneStep step={step({ id: "video", kind: "video", media: "demo", title: { en: "Video" }, warning: { en: "Hard content." } })} locale="en" help={EXAMPLES} pausePrompt="What has she lost?" />,
    );
    const ids = [...screen.getByTestId("step").querySelectorAll("[data-testid]")].map((e) => e.getAttribute("data-testid"));
    expect(ids.slice(0, 3)).toEqual(["step-title", "pause-point", "content-warning"]);
  });
});

describe("the phone's group", () => {
  const noop = async () => null;
  it("is a chip with the group's name on step screens, and nothing else outside group work", () => {
    renderIntl(
      <>
        <GroupChip session={session()} me={ME} />
        <PhoneGroup session={session()} me={ME} onChoose={noop} onMark={noop} groupWork={false} showName={false} />
      </>,
    );
    expect(screen.getByTestId("my-group")).toHaveTextContent("Lynx");
    expect(screen.getByTestId("my-group")).toHaveAttribute("data-group-id", "g1");
    expect(screen.queryByTestId("group-done")).toBeNull();
    expect(screen.queryByTestId("my-group-members")).toBeNull();
  });

  it("adds the members and \"we're done\" on a group-work step, without repeating the name", async () => {
    const onMark = jest.fn(async (_group: string, _done: boolean) => null as string | null);
    renderIntl(<PhoneGroup session={session()} me={ME} onChoose={noop} onMark={onMark} groupWork showName={false} />);
    expect(screen.queryByTestId("my-group")).toBeNull();
    expect(screen.getByTestId("my-group-members")).toHaveTextContent("AidaBolat");
    expect(screen.getByTestId("my-group-members")).not.toHaveTextContent("Dana");
    await userEvent.click(screen.getByRole("button", { name: "Our group is done" }));
    expect(onMark).toHaveBeenCalledWith("g1", true);
  });

  it("lets a phone without a group choose one in self-select", async () => {
    const onChoose = jest.fn(async (_group: string) => null as string | null);
    const s = { ...session(), selfSelect: true, membership: { p2: "g1", p3: "g2" } };
    renderIntl(<PhoneGroup session={s} me={ME} onChoose={onChoose} onMark={noop} />);
    await userEvent.click(screen.getByRole("button", { name: "Join Eagle" }));
    expect(onChoose).toHaveBeenCalledWith("g2");
  });
});

function Earlier({ s, connection, pending = [] }: { s: SessionState; connection: LiveConnection; pending?: OutboxEntry[] }) {
  const outcomes = useNoteOutcomes(connection);
  return <EarlierWork session={s} me={ME} connection={connection} pending={pending} offline={false} outcomes={outcomes} locale="en" notes sketches />;
}

describe("EarlierWork", () => {
  beforeEach(() => {
    jest.spyOn(window, "confirm").mockReturnValue(true);
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it("keeps the notes behind a closed \"My notes\" toggle with their count; opened, they vote, edit and delete", async () => {
    const { connection } = fakeConnection();
    renderIntl(<Earlier s={session()} connection={connection} />);
    const tab = screen.getByRole("button", { name: "My notes (2)" });
    expect(tab).toHaveAttribute("aria-expanded", "false");
    expect(screen.queryByTestId("phone-notes")).toBeNull();
    expect(screen.queryByLabelText("Note")).toBeNull();

    await userEvent.click(tab);
    expect(tab).toHaveAttribute("aria-expanded", "true");
    const list = screen.getByTestId("phone-notes");
    expect(within(list).getAllByTestId("phone-note-text").map((n) => n.textContent)).toEqual(["Keep copies of documents", "Check the employer"]);
    const mine = screen.getAllByTestId("phone-note").find((li) => li.textContent?.includes("Check the employer"))!;
    await userEvent.click(within(mine).getByRole("button", { name: "Vote for this note" }));
    expect(connection.queue).toHaveBeenCalledWith("note:vote", { noteId: "n1", on: true });
    await userEvent.click(within(mine).getByRole("button", { name: "Delete" }));
    expect(connection.queue).toHaveBeenCalledWith("note:delete", { noteId: "n1" });
    // Only one's own notes can be edited.
    const theirs = screen.getAllByTestId("phone-note").find((li) => li.textContent?.includes("Keep copies"))!;
    expect(within(theirs).queryByRole("button", { name: "Edit" })).toBeNull();

    await userEvent.click(tab);
    expect(screen.queryByTestId("phone-notes")).toBeNull();
  });

  it("counts notes waiting to send, and shows a refusal even while closed", () => {
    const { connection, answer } = fakeConnection();
    const waiting: OutboxEntry = { name: "note:add", payload: { id: "cmd-9", noteId: "n9", text: "Written offline" }, createdAt: 0 };
    renderIntl(<Earlier s={session()} connection={connection} pending={[waiting]} />);
    expect(screen.getByRole("button", { name: /My notes \(3\)/ })).toHaveTextContent("1 waiting to send");
    expect(screen.queryByTestId("pending-note")).toBeNull();
    answer(waiting, { ok: false, error: { code: "POSTING_CLOSED", message: "closed" } } as unknown as OutboxResult["ack"]);
    expect(screen.getByTestId("refused-note")).toHaveTextContent("Written offline");
  });

  it("shows what this phone drew behind \"My sketch\"", async () => {
    const { connection } = fakeConnection();
    const s = session();
    const stroke = { id: "st1", authorId: ME, colour: "#111827" as const, width: 14, tool: "pen" as const, points: [1, 1, 50, 90, 90, 50] };
    s.sketches = {
      g_g1_poster: { id: "g_g1_poster", ownerKind: "group", ownerId: "g1", groupId: "g1", stepId: "poster", strokes: [stroke], done: true, hidden: false },
      p_p3_poster: { id: "p_p3_poster", ownerKind: "participant", ownerId: "p3", groupId: "g2", stepId: "poster", strokes: [{ ...stroke, authorId: "p3" }], done: false, hidden: false },
      p_p1_free: { id: "p_p1_free", ownerKind: "participant", ownerId: ME, groupId: "g1", stepId: null, strokes: [], done: false, hidden: false },
    };
    s.sketchOrder = ["g_g1_poster", "p_p3_poster", "p_p1_free"];
    expect(mySketches(s, ME).map((k) => k.id)).toEqual(["g_g1_poster"]);
    renderIntl(<Earlier s={s} connection={connection} />);
    const tab = screen.getByRole("button", { name: "My sketch (1)" });
    expect(screen.queryByTestId("my-sketches")).toBeNull();
    await userEvent.click(tab);
    // The sketch view (and the drawing code) loads when the tab opens.
    expect(await within(screen.getByTestId("my-sketches")).findAllByRole("img")).toHaveLength(1);
  });
});
