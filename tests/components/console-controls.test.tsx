import { describe, expect, it, jest } from "@jest/globals";
import { fireEvent, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { TimerOptions, type AgendaAction } from "@/components/console/AgendaPanel";
import { ConsoleBar } from "@/components/console/ConsoleBar";
import { ScreenPager } from "@/components/console/ScreenPager";
import { DEFAULT_BOARD } from "@/lib/domain/board";
import { stepControls, type ControlAction } from "@/components/console/step-controls";
import { useConsoleShortcuts } from "@/components/console/useConsoleShortcuts";
import { applyEvents } from "@/lib/domain/apply-event";
import type { ClientEvent } from "@/lib/domain/events";
import type { Plan } from "@/lib/domain/plan";
import { emptySessionState, type SessionState } from "@/lib/domain/session-state";
import { idleTimer, startTimer } from "@/lib/domain/timer";
import { renderIntl } from "./render";

const plan: Plan = {
  id: "p",
  version: 1,
  title: { en: "Plan" },
  steps: [
    { id: "welcome", kind: "intro", title: { en: "Welcome" }, durationMinutes: 5, groups: false },
    { id: "clip", kind: "video", title: { en: "The clip" }, media: "demo", warning: { en: "Hard scenes" }, groups: false },
    { id: "talk", kind: "discussion", title: { en: "Talk" }, durationMinutes: 10, autoStartTimer: true, groups: true },
  ],
};

const ev = (type: ClientEvent["type"], payload: object): ClientEvent => ({ type, payload, sessionId: "s1", seq: 0, at: 1_000 }) as ClientEvent;

/** The session on step `index` (-1: not started), after the events given. */
function sessionAt(index: number, ...more: ClientEvent[]): SessionState {
  const created = ev("session:created", { title: "Room", language: "en", code: "ABC234", trainerId: "t1", plan, help: { contacts: [], examples: true } });
  const events = index < 0 ? [created, ...more] : [created, ev("agenda:moved", { index, timer: idleTimer((plan.steps[index].durationMinutes ?? 0) * 60_000) }), ...more];
  return applyEvents(
    emptySessionState("s1"),
    events.map((e, i) => ({ ...e, seq: i + 1 })),
  );
}

/** The bar and the keys, wired as the console wires them. */
function Console({ session, onAction }: { session: SessionState; onAction: (a: ControlAction) => void }) {
  const [help, setHelp] = useState(false);
  const controls = stepControls(session);
  useConsoleShortcuts(controls, false, onAction, () => setHelp((o) => !o));
  return (
    <>
      <ConsoleBar session={session} controls={controls} clockOffset={0} connection="connected" busy={false} onAction={onAction} helpOpen={help} onHelpOpen={setHelp} />
      <label>
        Message
        <textarea />
      </label>
      <label>
        Notes only
        <input type="checkbox" />
      </label>
    </>
  );
}

function setup(session: SessionState) {
  const onAction = jest.fn<(a: ControlAction) => void>();
  renderIntl(<Console session={session} onAction={onAction} />);
  return onAction;
}

const key = (k: string, target: Element = document.body, init: object = {}) => fireEvent.keyDown(target, { key: k, ...init });

describe("the console's sticky bar", () => {
  it("holds previous and next, where we are, and the step timer", async () => {
    const onAction = setup(sessionAt(0));
    const bar = screen.getByRole("toolbar", { name: "Session controls" });
    expect(within(bar).getByTestId("step-position")).toHaveTextContent("Step 1 of 3");
    expect(within(bar).getByTestId("bar-step-title")).toHaveTextContent("Welcome");
    expect(within(bar).getByRole("timer")).toHaveTextContent("5:00");
    await userEvent.click(within(bar).getByRole("button", { name: /Next/ }));
    await userEvent.click(within(bar).getByRole("button", { name: /Back to the join screen/ }));
    await userEvent.click(within(bar).getByRole("button", { name: "Start timer" }));
    await userEvent.click(within(bar).getByRole("button", { name: "+1 min" }));
    expect(onAction.mock.calls.map(([a]) => a)).toEqual([{ type: "agenda:goto", index: 1 }, { type: "agenda:goto", index: -1 }, { type: "timer:start" }, { type: "timer:extend", seconds: 60 }]);
  });

  it("before the start offers only 'Start the session'", () => {
    setup(sessionAt(-1));
    expect(screen.getByTestId("agenda-next")).toHaveTextContent("Start the session");
    expect(screen.getByTestId("agenda-previous")).toBeDisabled();
    expect(screen.queryByRole("timer")).toBeNull();
  });

  it("on the last step, a running timer offers pause and next is off", () => {
    const s = sessionAt(2, ev("timer:set", { action: "start", timer: startTimer(idleTimer(600_000), Date.now()) }));
    setup(s);
    expect(screen.getByRole("button", { name: "Pause timer" })).toBeEnabled();
    expect(screen.getByTestId("agenda-next")).toBeDisabled();
  });

  it("on a video step holds play, which waits for the content warning", () => {
    const onAction = setup(sessionAt(1));
    const play = screen.getByRole("button", { name: /Play/ });
    expect(play).toBeDisabled();
    expect(play).toHaveAccessibleDescription("Give the content warning first (below).");
    key("p");
    expect(onAction).not.toHaveBeenCalled();
  });

  it("plays and pauses the video once the warning was given", async () => {
    const onAction = setup(sessionAt(1, ev("video:warning-confirmed", { stepId: "clip" })));
    await userEvent.click(screen.getByRole("button", { name: /Play/ }));
    key("P");
    expect(onAction.mock.calls.map(([a]) => a)).toEqual([{ type: "video:play" }, { type: "video:play" }]);
  });
});

describe("keyboard shortcuts", () => {
  it("→ and Page Down go on, ← and Page Up go back, Space runs the timer, + adds a minute", () => {
    const onAction = setup(sessionAt(0));
    for (const k of ["ArrowRight", "PageDown", "ArrowLeft", "PageUp", " ", "+"]) key(k);
    expect(onAction.mock.calls.map(([a]) => a)).toEqual([
      { type: "agenda:goto", index: 1 },
      { type: "agenda:goto", index: 1 },
      { type: "agenda:goto", index: -1 },
      { type: "agenda:goto", index: -1 },
      { type: "timer:start" },
      { type: "timer:extend", seconds: 60 },
    ]);
  });

  it("do nothing while typing in a field, with Ctrl/Alt/Cmd, or when held down", () => {
    const onAction = setup(sessionAt(0));
    const field = screen.getByRole("textbox", { name: "Message" });
    for (const k of ["ArrowRight", "PageDown", " ", "p", "+"]) key(k, field);
    key("ArrowRight", document.body, { altKey: true });
    key("ArrowLeft", document.body, { ctrlKey: true });
    key("PageDown", document.body, { metaKey: true });
    key("ArrowRight", document.body, { repeat: true });
    expect(onAction).not.toHaveBeenCalled();
  });

  it("leave Space to a focused checkbox or button, which it presses", () => {
    const onAction = setup(sessionAt(0));
    key(" ", screen.getByRole("checkbox", { name: "Notes only" }));
    key(" ", screen.getByRole("button", { name: "+1 min" }));
    expect(onAction).not.toHaveBeenCalled();
    key("ArrowRight", screen.getByRole("checkbox", { name: "Notes only" }));
    expect(onAction).toHaveBeenCalledWith({ type: "agenda:goto", index: 1 });
  });

  it("are listed in a 'Shortcuts' panel that ? opens and Escape closes", async () => {
    setup(sessionAt(0));
    const button = screen.getByRole("button", { name: /Shortcuts/ });
    expect(button).toHaveAttribute("aria-expanded", "false");
    key("?", document.body, { shiftKey: true });
    const help = screen.getByRole("dialog", { name: "Keyboard shortcuts" });
    const rows = within(help).getAllByTestId("shortcut").map((r) => r.textContent);
    expect(rows).toEqual([
      "→Page DownNext step",
      "←Page UpPrevious step",
      "SpaceStart or pause the timer",
      "+Add a minute to the timer",
      "PPlay or pause the video (video steps)",
      "?Show or hide this list",
    ]);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(button).toHaveFocus();
    await userEvent.click(button);
    expect(screen.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await userEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Close" }));
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("the panel speaks the console's language", () => {
    const onAction = jest.fn<(a: ControlAction) => void>();
    renderIntl(<Console session={sessionAt(0)} onAction={onAction} />, "kk");
    key("?");
    const help = screen.getByRole("dialog", { name: "Жылдам пернелер" });
    expect(help).toHaveTextContent("Келесі қадам");
    expect(help).toHaveTextContent("Бос орын");
  });
});

describe("the session's timer options", () => {
  it("ticks at once and asks the server; a refusal unticks it", async () => {
    let answer = true;
    const onAction = jest.fn(async (_a: AgendaAction) => answer);
    renderIntl(<TimerOptions session={sessionAt(0)} onAction={onAction} busy={false} />);
    const auto = screen.getByRole("checkbox", { name: "Start timers automatically" });
    const sound = screen.getByRole("checkbox", { name: "Sound on the projector when time is up" });
    expect(auto).not.toBeChecked();
    await userEvent.click(auto);
    expect(auto).toBeChecked();
    expect(onAction).toHaveBeenLastCalledWith({ type: "timer:configure", autoStart: true });

    answer = false;
    await userEvent.click(sound);
    expect(onAction).toHaveBeenLastCalledWith({ type: "timer:configure", sound: true });
    expect(sound).not.toBeChecked();

    await userEvent.click(screen.getByRole("button", { name: "Reset timer" }));
    expect(onAction).toHaveBeenLastCalledWith({ type: "timer:reset" });
  });

  it("shows the session's settings as they are", () => {
    renderIntl(<TimerOptions session={sessionAt(-1, ev("timer:configured", { settings: { autoStart: true, sound: true } }))} onAction={async () => true} busy={false} />, "ru");
    expect(screen.getByRole("checkbox", { name: "Запускать таймеры автоматически" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Звуковой сигнал на экране, когда время вышло" })).toBeChecked();
    expect(screen.queryByRole("button", { name: "Сбросить таймер" })).toBeNull();
  });
});

describe("ScreenPager: the trainer turns the projector's pages", () => {
  const configured = (screenPage: { stepId: string; page: number } | null) => ev("board:configured", { settings: { ...DEFAULT_BOARD, screenPage } });

  it("starts with pages turning by themselves; Page forward asks for the second page of this step", async () => {
    const onAction = jest.fn();
    renderIntl(<ScreenPager session={sessionAt(0)} onAction={onAction} busy={false} />);
    expect(screen.getByTestId("screen-pager")).toHaveAttribute("data-paging", "auto");
    expect(screen.getByRole("button", { name: "Page back" })).toBeDisabled();
    expect(screen.queryByRole("button", { name: "Turn pages by itself" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Page forward" }));
    expect(onAction).toHaveBeenCalledWith({ type: "board:configure", settings: { screenPage: { stepId: "welcome", page: 1 } } });
  });

  it("counts back and forward from the page shown, and hands paging back to the projector", async () => {
    const onAction = jest.fn();
    renderIntl(<ScreenPager session={sessionAt(0, configured({ stepId: "welcome", page: 3 }))} onAction={onAction} busy={false} />);
    expect(screen.getByTestId("screen-pager")).toHaveAttribute("data-paging", "manual");
    await userEvent.click(screen.getByRole("button", { name: "Page back" }));
    await userEvent.click(screen.getByRole("button", { name: "Page forward" }));
    await userEvent.click(screen.getByRole("button", { name: "Turn pages by itself" }));
    expect(onAction.mock.calls.map((c) => c[0])).toEqual([
      { type: "board:configure", settings: { screenPage: { stepId: "welcome", page: 2 } } },
      { type: "board:configure", settings: { screenPage: { stepId: "welcome", page: 4 } } },
      { type: "board:configure", settings: { screenPage: null } },
    ]);
  });

  it("a page turned on an earlier step does not hold the next one, and video steps have no pager", () => {
    const { unmount } = renderIntl(<ScreenPager session={sessionAt(2, configured({ stepId: "welcome", page: 3 }))} onAction={jest.fn()} busy={false} />);
    expect(screen.getByTestId("screen-pager")).toHaveAttribute("data-paging", "auto");
    unmount();
    renderIntl(<ScreenPager session={sessionAt(1)} onAction={jest.fn()} busy={false} />);
    expect(screen.queryByTestId("screen-pager")).toBeNull();
  });
});
