import type { CommandActor, Decision, DecideContext, SessionCommand } from "./commands";
import { domainError } from "./errors";
import type { SessionState } from "./session-state";
import { MAX_STROKE_POINTS, MAX_STROKES_PER_SKETCH, parseSketchId } from "./sketch";

const no = (code: Parameters<typeof domainError>[0], message: string): Decision => ({ ok: false, error: domainError(code, message) });

function staff(actor: CommandActor, state: SessionState): boolean {
  return actor.kind === "user" && (actor.role === "organiser" || actor.id === state.trainerId);
}

/** Whether a sketch id is one this participant may draw on now: its own, or its group's, in a sketch step. */
export function mayDrawOn(state: SessionState, participantId: string, sketchId: string): { ok: true; ownerKind: "participant" | "group"; ownerId: string; stepId: string | null } | { ok: false; decision: Decision } {
  const parsed = parseSketchId(sketchId);
  if (!parsed) return { ok: false, decision: no("SKETCH_NOT_FOUND", "No such sketch") };
  const mine = parsed.ownerKind === "participant" ? parsed.ownerId === participantId : parsed.ownerId === state.membership[participantId];
  if (!mine) return { ok: false, decision: no("NOT_YOUR_SKETCH", "You can only draw on your own or your group's sketch") };
  // A stroke that waited offline still lands after the step moved on, as long as it was a sketch step.
  const stepOk = parsed.stepId === null ? !state.plan : !!state.plan?.steps.some((s) => s.id === parsed.stepId && s.kind === "sketch");
  if (!stepOk) return { ok: false, decision: no("SKETCH_CLOSED", "Drawing is not open for this step") };
  return { ok: true, ...parsed };
}

/** Sketch strokes, undo, clear, done, and the trainer's gallery controls. */
export function decideSketches(state: SessionState, command: SessionCommand, actor: CommandActor, _ctx: DecideContext): Decision {
  if (state.status === "ended") return no("SESSION_ENDED", "This session has ended");
  const isStaff = staff(actor, state);
  switch (command.type) {
    case "stroke:commit": {
      if (actor.kind !== "participant") return no("FORBIDDEN", "Strokes come from participants' phones");
      const may = mayDrawOn(state, actor.id, command.sketchId);
      if (!may.ok) return may.decision;
      if (command.stroke.points.length > MAX_STROKE_POINTS * 3 || command.stroke.points.length % 3 !== 0) {
        return no("STROKE_TOO_LARGE", `A stroke has at most ${MAX_STROKE_POINTS} points`);
      }
      const sketch = state.sketches[command.sketchId];
      if (sketch && sketch.strokes.length >= MAX_STROKES_PER_SKETCH) return no("STROKE_TOO_LARGE", "This sketch is full");
      if (sketch?.strokes.some((s) => s.id === command.stroke.id)) return no("DUPLICATE_ID", "This stroke was already saved");
      const groupId = sketch?.groupId ?? (may.ownerKind === "group" ? may.ownerId : (state.membership[actor.id] ?? null));
      return {
        ok: true,
        event: {
          type: "stroke:committed",
          payload: { sketchId: command.sketchId, groupId, ownerKind: may.ownerKind, ownerId: may.ownerId, stepId: may.stepId, stroke: { ...command.stroke, authorId: actor.id } },
        },
      };
    }
    case "stroke:undo":
    case "sketch:clear": {
      if (actor.kind !== "participant") return no("FORBIDDEN", "Only the author takes strokes back");
      const sketch = state.sketches[command.sketchId];
      if (!sketch) return no("SKETCH_NOT_FOUND", "No such sketch");
      // On a shared canvas each person undoes and clears only their own strokes.
      const own = sketch.strokes.filter((s) => s.authorId === actor.id).map((s) => s.id);
      const ids = command.type === "stroke:undo" ? own.filter((id) => id === command.strokeId) : own;
      if (ids.length === 0) return no(command.type === "stroke:undo" ? "NOT_YOUR_SKETCH" : "BAD_REQUEST", "Nothing of yours to take back");
      return { ok: true, event: { type: "stroke:removed", payload: { sketchId: sketch.id, groupId: sketch.groupId, strokeIds: ids } } };
    }
    case "sketch:mark": {
      const sketch = state.sketches[command.sketchId];
      if (!sketch) return no("SKETCH_NOT_FOUND", "No such sketch");
      if (!isStaff) {
        if (actor.kind !== "participant") return no("FORBIDDEN", "Not allowed");
        const may = mayDrawOn(state, actor.id, command.sketchId);
        if (!may.ok) return may.decision;
      }
      return { ok: true, event: { type: "sketch:marked", payload: { sketchId: sketch.id, groupId: sketch.groupId, done: command.done } } };
    }
    case "sketch:hide":
    case "sketch:restore": {
      if (!isStaff) return no("FORBIDDEN", "Only the trainer moderates sketches");
      const sketch = state.sketches[command.sketchId];
      if (!sketch) return no("SKETCH_NOT_FOUND", "No such sketch");
      if ((command.type === "sketch:hide") === sketch.hidden) return no("BAD_REQUEST", sketch.hidden ? "Already hidden" : "Already shown");
      return { ok: true, event: { type: command.type === "sketch:hide" ? "sketch:hidden" : "sketch:restored", payload: { sketchId: sketch.id, groupId: sketch.groupId } } };
    }
    case "sketch:spotlight": {
      if (!isStaff) return no("FORBIDDEN", "Only the trainer controls the projector");
      if (command.sketchId && (!state.sketches[command.sketchId] || state.sketches[command.sketchId].hidden)) return no("SKETCH_NOT_FOUND", "No such sketch");
      return { ok: true, event: { type: "sketch:spotlighted", payload: { sketchId: command.sketchId } } };
    }
    case "sketch:configure": {
      if (!isStaff) return no("FORBIDDEN", "Only the trainer sets up drawing");
      return { ok: true, event: { type: "sketch:configured", payload: { mode: command.mode } } };
    }
    default:
      return no("BAD_REQUEST", "Unknown command");
  }
}
