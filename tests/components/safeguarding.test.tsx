import { describe, expect, it, jest } from "@jest/globals";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { JoinForm } from "@/components/phone/JoinForm";
import { HelpContactList } from "@/components/phone/HelpContactList";
import { ConsentProvider } from "@/components/safeguarding/ConsentNotice";
import { ForgetMe } from "@/components/safeguarding/ForgetMe";
import { HelpRequestsPanel } from "@/components/safeguarding/HelpRequestsPanel";
import { StepOut } from "@/components/safeguarding/StepOut";
import { TalkToSomeone } from "@/components/safeguarding/TalkToSomeone";
import { HelpContactsEditor } from "@/components/org/HelpContactsEditor";
import { loadPass, savePass } from "@/lib/client/participant-pass";
import { DEFAULT_CONSENT_NOTICE } from "@/lib/domain/consent-defaults";
import { EXAMPLE_HELP_CONTACTS, type HelpInfo } from "@/lib/domain/help-contacts";
import type { Plan } from "@/lib/domain/plan";
import type { HelpRequest } from "@/lib/domain/safeguarding";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import type { Ack } from "@/lib/protocol/result";
import { NextIntlClientProvider } from "next-intl";
import type { ReactElement } from "react";
import en from "@/lib/i18n/messages/en.json";
import { renderIntl } from "./render";

/** The same provider renderIntl wraps with, for rerenders (which replace the whole tree). */
const intl = (ui: ReactElement) => (
  <NextIntlClientProvider locale="en" messages={en} timeZone="Asia/Almaty">
    {ui}
  </NextIntlClientProvider>
);

const PLAN: Plan = {
  id: "p",
  version: 1,
  title: { en: "Plan" },
  steps: [
    { id: "intro", kind: "intro", title: { en: "Welcome" }, durationMinutes: 5, groups: false },
    { id: "film", kind: "video", title: { en: "Film" }, durationMinutes: 5, groups: false, media: "demo", warning: { en: "Hard content" } },
  ],
};

const REAL_HELP: HelpInfo = {
  examples: false,
  contacts: [
    { name: "Youth line", phone: "+7 700 111 22 33", hours: "24/7", helpsWith: "Anything", verifiedOn: "2025-03-14", source: "the line's website" },
    { name: "Old entry", phone: "8 800 000", hours: "", helpsWith: "" },
  ],
};

function session(patch: Partial<SessionState> = {}): SessionState {
  return { ...emptySessionState("s1"), code: "ABC234", title: "Room", plan: PLAN, help: REAL_HELP, ...patch };
}

function request(id: string, over: Partial<HelpRequest> = {}): HelpRequest {
  return { id, participantId: null, message: `message ${id}`, nickname: null, at: Date.UTC(2025, 4, 1, 10, 30), acknowledged: false, replies: [], ...over };
}

const ok = { ok: true, seq: 9 } as const;

describe("TalkToSomeone (phone)", () => {
  it("sends a private request, anonymous unless the box is ticked, and shows the trainer's reply", async () => {
    const send = jest.fn(async (..._args: unknown[]): Promise<Ack> => ok);
    const { rerender } = renderIntl(<TalkToSomeone session={session()} connection={{ send: send as never }} />);
    await userEvent.click(screen.getByRole("button", { name: "Talk to someone" }));
    const dialog = screen.getByRole("dialog", { name: "Talk to someone" });
    expect(dialog).toHaveTextContent("not to the big screen, not to other phones");
    await userEvent.type(within(dialog).getByLabelText("Message (optional)"), "Can we talk after?");
    await userEvent.click(within(dialog).getByRole("button", { name: "Send to the trainer" }));
    expect(send).toHaveBeenCalledWith("help:request", { message: "Can we talk after?", shareName: false });
    expect(within(dialog).getByRole("button", { name: "Send another message" })).toBeVisible();

    // The server's answer comes back as this phone's own request; then the trainer's reply.
    const mine = request("r1", { message: "Can we talk after?", acknowledged: true, replies: [{ id: "x", text: "I'll stay after: come and find me", at: 1 }] });
    rerender(intl(<TalkToSomeone session={session({ helpRequests: { r1: mine }, helpOrder: ["r1"] })} connection={{ send: send as never }} />));
    expect(within(dialog).getByText("The trainer has seen your request.")).toBeVisible();
    expect(within(dialog).getByTestId("help-reply")).toHaveTextContent("I'll stay after: come and find me");

    await userEvent.click(within(dialog).getByRole("button", { name: "Send another message" }));
    await userEvent.click(within(dialog).getByRole("checkbox", { name: /Show my name to the trainer/ }));
    await userEvent.click(within(dialog).getByRole("button", { name: "Send to the trainer" }));
    expect(send).toHaveBeenLastCalledWith("help:request", { message: "", shareName: true });
  });

  it("says clearly when the phone has asked too often, in the phone's language", async () => {
    const send = jest.fn(async (): Promise<Ack> => ({ ok: false, error: { code: "HELP_REQUESTS_LIMITED", message: "" } }));
    renderIntl(<TalkToSomeone session={session()} connection={{ send: send as never }} />, "kk");
    await userEvent.click(screen.getByRole("button", { name: "Біреумен сөйлесу" }));
    await userEvent.click(screen.getByRole("button", { name: "Тренерге жіберу" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Соңғы 10 минутта 3 өтініш");
  });

  it("marks an unread reply on the button while the sheet is closed", () => {
    const mine = request("r1", { replies: [{ id: "x", text: "Hi", at: 1 }] });
    renderIntl(<TalkToSomeone session={session({ helpRequests: { r1: mine }, helpOrder: ["r1"] })} connection={{ send: jest.fn() as never }} />);
    expect(screen.getByTestId("talk-unread")).toBeInTheDocument();
  });
});

describe("StepOut (phone)", () => {
  it("is offered only during a step with a content warning; the calm screen has the contacts and the way back", async () => {
    const setBreak = jest.fn();
    const { rerender } = renderIntl(<StepOut session={session({ stepIndex: 0 })} connection={{ setBreak }} />);
    expect(screen.queryByRole("button", { name: "Take a break" })).toBeNull();
    rerender(intl(<StepOut session={session({ stepIndex: 1 })} connection={{ setBreak }} />));
    await userEvent.click(screen.getByRole("button", { name: "Take a break" }));
    expect(setBreak).toHaveBeenLastCalledWith(true);
    const calm = screen.getByRole("dialog", { name: "Take your time" });
    expect(calm).toHaveTextContent("Nobody is told that it was you");
    expect(within(calm).getByTestId("help-call")).toHaveAttribute("href", "tel:+77001112233");
    expect(within(calm).getByRole("button", { name: "I'm back" })).toHaveFocus();
    // The trainer moves on meanwhile: the phone stays on its break until it says it is back.
    rerender(intl(<StepOut session={session({ stepIndex: 0 })} connection={{ setBreak }} />));
    await userEvent.click(screen.getByRole("button", { name: "I'm back" }));
    expect(setBreak).toHaveBeenLastCalledWith(false);
    expect(screen.queryByTestId("break-screen")).toBeNull();
  });
});

describe("help contacts on a phone", () => {
  it("offers a call or text only for a checked contact, with when and where it was checked; examples and unchecked ones are never links", () => {
    renderIntl(<HelpContactList help={REAL_HELP} />);
    const [checked, unchecked] = screen.getAllByTestId("help-contact");
    expect(within(checked).getByTestId("help-call")).toHaveAttribute("href", "tel:+77001112233");
    expect(within(checked).getByTestId("help-sms")).toHaveAttribute("href", "sms:+77001112233");
    expect(within(checked).getByTestId("contact-check")).toHaveTextContent("Checked on Mar 14, 2025 · Source: the line's website");
    expect(within(unchecked).queryByRole("link")).toBeNull();
    expect(within(unchecked).getByTestId("contact-unchecked")).toHaveTextContent("Not checked yet");
  });

  it("never links example contacts", () => {
    renderIntl(<HelpContactList help={{ examples: true, contacts: EXAMPLE_HELP_CONTACTS }} />);
    expect(screen.queryAllByRole("link")).toEqual([]);
    expect(screen.queryByTestId("contact-check")).toBeNull();
  });
});

describe("HelpRequestsPanel (console)", () => {
  const requests = { r1: request("r1"), r2: request("r2", { nickname: "Aigerim", message: "", acknowledged: true, replies: [{ id: "y", text: "See you after", at: 2 }] }) };

  it("lists each request privately, anonymous unless shared, newest first, and acknowledges and replies", async () => {
    const onAction = jest.fn(async (_a: unknown) => true);
    renderIntl(<HelpRequestsPanel session={session({ helpRequests: requests, helpOrder: ["r1", "r2"], helpCount: 2 })} breaks={2} onAction={onAction} busy={false} />);
    const items = screen.getAllByTestId("help-request");
    expect(items.map((i) => i.getAttribute("data-acknowledged"))).toEqual(["true", "false"]);
    expect(items[0]).toHaveTextContent("From Aigerim");
    expect(items[0]).toHaveTextContent("(no message)");
    expect(items[0]).toHaveTextContent("See you after");
    expect(items[1]).toHaveTextContent("Anonymous");
    expect(items[1]).toHaveTextContent("message r1");
    expect(screen.getByRole("alert")).toHaveTextContent("1 new request to talk");
    expect(screen.getByTestId("break-count")).toHaveTextContent("2 people are on a break");

    await userEvent.click(within(items[1]).getByRole("button", { name: "Acknowledge" }));
    expect(onAction).toHaveBeenCalledWith({ type: "help:ack", requestId: "r1" });
    await userEvent.type(within(items[1]).getByLabelText("Private reply"), "I'll stay after the session");
    await userEvent.click(within(items[1]).getByRole("button", { name: "Send reply" }));
    expect(onAction).toHaveBeenLastCalledWith({ type: "help:reply", requestId: "r1", text: "I'll stay after the session" });
    await waitFor(() => expect(within(items[1]).getByLabelText("Private reply")).toHaveValue(""));
  });

  it("shows the notes the concern list held, with the guidance, and can put one on the wall", async () => {
    const onAction = jest.fn(async (_a: unknown) => true);
    const held = { id: "n1", groupId: null, stepId: null, text: "they took my passport", authorId: null, anonymous: true, status: "held" as const, flagged: false, concern: true, clusterId: null, votes: 0, createdAt: 1, editedAt: null };
    renderIntl(<HelpRequestsPanel session={session({ notes: { n1: held }, noteOrder: ["n1"] })} breaks={0} onAction={onAction} busy={false} />, "ru");
    expect(screen.getByTestId("concern-note")).toHaveTextContent("they took my passport");
    expect(screen.getByTestId("disclosure-guidance")).toHaveTextContent("Спасибо, что рассказал(а)");
    expect(screen.getByTestId("break-count")).toHaveTextContent("Никто не на перерыве");
    await userEvent.click(screen.getByRole("button", { name: "Показать на стене" }));
    expect(onAction).toHaveBeenCalledWith({ type: "note:restore", noteId: "n1" });
  });

  it("opens the 'If someone discloses' guidance with the organisation's contacts", async () => {
    renderIntl(<HelpRequestsPanel session={session()} breaks={0} onAction={jest.fn(async () => true)} busy={false} />, "kk");
    expect(screen.queryByTestId("disclosure-guidance")).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Егер біреу зорлық туралы айтса" }));
    const g = screen.getByTestId("disclosure-guidance");
    expect(g).toHaveTextContent("Сенің ешқандай кінәң жоқ");
    expect(g).toHaveTextContent("Youth line");
    expect(g).toHaveTextContent("+7 700 111 22 33");
  });
});

describe("consent on the join form", () => {
  function renderJoin(required: boolean, onJoin = jest.fn(async (..._a: unknown[]) => null as string | null), locale: "en" | "ru" | "kk" = "en") {
    renderIntl(
      <ConsentProvider value={{ required, notice: { ...DEFAULT_CONSENT_NOTICE, en: "We keep your nickname and notes.\n\nOrganiser text v2." } }}>
        <JoinForm initialCode="ABC234" onJoin={onJoin} />
      </ConsentProvider>,
      locale,
    );
    return onJoin;
  }

  it("shows the organisation's notice, and does not join until 'I agree' is ticked", async () => {
    const onJoin = renderJoin(true);
    expect(screen.getByTestId("consent-text")).toHaveTextContent("Organiser text v2.");
    await userEvent.type(screen.getByLabelText("Your name"), "Aruzhan");
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(onJoin).not.toHaveBeenCalled();
    expect(screen.getByRole("alert")).toHaveTextContent('tick "I agree" to join');
    expect(screen.getByRole("checkbox", { name: "I agree" })).toHaveFocus();
    await userEvent.click(screen.getByRole("checkbox", { name: "I agree" }));
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(onJoin).toHaveBeenCalledWith("ABC234", "Aruzhan", true);
  });

  it("shows the notice in the phone's language", () => {
    renderJoin(true, undefined, "kk");
    expect(screen.getByTestId("consent-text")).toHaveTextContent("шын атыңыз қажет емес");
    expect(screen.getByRole("checkbox", { name: "Келісемін" })).not.toBeChecked();
  });

  it("informs without asking when the organisation does not require consent", async () => {
    const onJoin = renderJoin(false);
    expect(screen.getByTestId("consent-notice")).toBeInTheDocument();
    expect(screen.queryByRole("checkbox", { name: "I agree" })).toBeNull();
    await userEvent.type(screen.getByLabelText("Your name"), "Aruzhan");
    await userEvent.click(screen.getByRole("button", { name: "Join" }));
    expect(onJoin).toHaveBeenCalledWith("ABC234", "Aruzhan");
  });
});

describe("ForgetMe (phone)", () => {
  it("asks first, then deletes, and the phone forgets its pass", async () => {
    savePass({ token: "t", sessionId: "s1", participantId: "p1", code: "ABC234" });
    const send = jest.fn(async (..._a: unknown[]): Promise<Ack> => ok);
    renderIntl(<ForgetMe sessionId="s1" code="ABC234" participantId="p1" connection={{ send: send as never }} />);
    await userEvent.click(screen.getByRole("button", { name: "Delete my data" }));
    const dialog = screen.getByRole("alertdialog", { name: "Delete my data?" });
    expect(dialog).toHaveTextContent("It cannot be undone");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(send).not.toHaveBeenCalled();
    expect(loadPass("ABC234")).not.toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Delete my data" }));
    await userEvent.click(screen.getByRole("button", { name: "Yes, delete my data" }));
    expect(send).toHaveBeenCalledWith("participant:forget", {});
    await waitFor(() => expect(loadPass("ABC234")).toBeNull());
  });

  it("then the join form says the data was deleted", async () => {
    await act(async () => {
      renderIntl(<JoinForm initialCode="" onJoin={async () => null} />);
    });
    expect(screen.getByTestId("forgotten")).toHaveTextContent("Your data has been deleted");
  });
});

describe("HelpContactsEditor (organiser)", () => {
  it("asks when and where each contact was checked", () => {
    renderIntl(<HelpContactsEditor initial={REAL_HELP.contacts} />);
    const [first] = screen.getAllByTestId("help-contact-form");
    expect(within(first).getByLabelText("Checked on")).toHaveValue("2025-03-14");
    expect(within(first).getByLabelText("Source (where you checked it)")).toHaveValue("the line's website");
    expect(within(first).getByLabelText("Checked on")).toBeRequired();
  });
});
