import { accept, fail, isStaff, type CommandActor, type Decision, type DecideContext, type SessionCommand } from "./decision";
import { currentStep, videoPosition, type SessionState } from "./session-state";

type VideoCommand = SessionCommand<"video:play" | "video:pause" | "video:seek" | "video:configure" | "video:confirm-warning" | "video:reach-pause-point">;

/** The next pause point after `position` (seconds) in the current video step, if any. */
export function nextPausePoint(state: SessionState, position: number): number | null {
  const points = currentStep(state)?.pausePoints ?? [];
  const next = points.map((p) => p.at).filter((at) => at > position + 0.05).sort((a, b) => a - b)[0];
  return next ?? null;
}

/**
 * The projector's video, run from the console: play, pause, seek, captions
 * and volume. A step with a content warning plays only once the trainer has
 * confirmed the room was warned. The server itself stops the video at pause points.
 */
export function decideVideo(state: SessionState, command: VideoCommand, actor: CommandActor, ctx: DecideContext): Decision {
  const now = ctx.now;
  // Who asks comes first: an outsider learns nothing about the session's step.
  if (command.type === "video:reach-pause-point" ? actor.kind !== "system" : !isStaff(actor, state)) {
    return fail("FORBIDDEN", command.type === "video:reach-pause-point" ? "Pause points are the server's" : "Only the trainer controls the video");
  }
  if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
  const step = currentStep(state);
  if (!step || step.kind !== "video") return fail("NOT_A_VIDEO_STEP", "The current step has no video");
  const v = state.video;
  const here = videoPosition(v, now);
  if (command.type === "video:reach-pause-point") {
    // Only if the video is still running towards this point (the trainer may have paused or sought meanwhile).
    if (!v.playing || Math.abs(here - command.at) > 1) return fail("BAD_REQUEST", "Not at that pause point");
    return accept({ type: "video:controlled", payload: { action: "pause", position: command.at, pausePoint: command.at } });
  }
  switch (command.type) {
    case "video:confirm-warning":
      return accept({ type: "video:warning-confirmed", payload: { stepId: step.id } });
    case "video:play":
      if (step.warning && v.warningConfirmed !== step.id) return fail("WARNING_NOT_CONFIRMED", "Give the content warning first");
      return accept({ type: "video:controlled", payload: { action: "play", position: command.position ?? here, pausePoint: null } });
    case "video:pause":
      return accept({ type: "video:controlled", payload: { action: "pause", position: here, pausePoint: null } });
    case "video:seek":
      return accept({ type: "video:controlled", payload: { action: v.playing ? "play" : "seek", position: command.position, pausePoint: null } });
    case "video:configure":
      return accept({ type: "video:configured", payload: { captions: command.captions, volume: command.volume } });
  }
}
