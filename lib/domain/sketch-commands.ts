import { accept, fail, isStaff, type CommandActor, type Decision, type DecideContext, type SessionCommand } from "./decision";
import type { SessionState } from "./session-state";
import { MAX_STROKE_POINTS, MAX_STROKES_PER_SKETCH, parseSketchId } from "./sketch";
import { own } from "./records";

type SketchCommand = SessionCommand<"stroke:commit" | "stroke:undo" | "sketch:clear" | "sketch:mark" | "sketch:hide" | "sketch:restore" | "sketch:spotlight" | "sketch:configure">;

/** Whether a sketch id is one this participant may draw on now: its own, or its group's, in a sketch step. */
export function mayDrawOn(state: SessionState, participantId: string, sketchId: string): { ok: true; ownerKind: "participant" | "group"; ownerId: string; stepId: string | null } | { ok: false; decision: Decision } {
  const parsed = parseSketchId(sketchId);
  if (!parsed) return { ok: false, decision: fail("SKETCH_NOT_FOUND", "No such sketch") };
  const mine = parsed.ownerKind === "participant" ? parsed.ownerId === participantId : parsed.ownerId === own(state.membership, participantId);
  if (!mine) return { ok: false, decision: fail("NOT_YOUR_SKETCH", "You can only draw on your own or your group's sketch") };
  // A stroke that waited offline still lands after the step moved on, as long as it was a sketch step.
  const stepOk = parsed.stepId === null ? !state.plan : !!state.plan?.steps.some((s) => s.id === parsed.stepId && s.kind === "sketch");
  if (!stepOk) return { ok: false, decision: fail("SKETCH_CLOSED", "Drawing is not open for this step") };
  return { ok: true, ...parsed };
}

/** Sketch strokes, undo, clear, done, and the trainer's gallery controls. */
export function decideSketches(state: SessionState, command: SketchCommand, actor: CommandActor, _ctx: DecideContext): Decision {
  if (state.status === "ended") return fail("SESSION_ENDED", "This session has ended");
  const staff = isStaff(actor, state);
  switch (command.type) {
    case "stroke:commit": {
      if (actor.kind !== "participant") return fail("FORBIDDEN", "Strokes come from participants' phones");
      const may = mayDrawOn(state, actor.id, command.sketchId);
      if (!may.ok) return may.decision;
      if (command.stroke.points.length > MAX_STROKE_POINTS * 3 || command.stroke.points.length % 3 !== 0) {
        return fail("STROKE_TOO_LARGE", `A stroke has at most ${MAX_STROKE_POINTS} points`);
      }
      const sketch = own(state.sketches, command.sketchId);
      if (sketch && sketch.strokes.length >= MAX_STROKES_PER_SKETCH) return fail("STROKE_TOO_LARGE", "This sketch is full");
      if (sketch?.strokes.some((s) => s.id === command.stroke.id)) return fail("DUPLICATE_ID", "This stroke was already saved");
      const groupId = sketch ? sketch.groupId : may.ownerKind === "group" ? may.ownerId : (own(state.membership, actor.id) ?? null);
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
      if (actor.kind !== "participant") return fail("FORBIDDEN", "Only the author takes strokes back");
      const sketch = own(state.sketches, command.sketchId);
      if (!sketch) return fail("SKETCH_NOT_FOUND", "No such sketch");
      // On a shared canvas each person undoes and clears only their own strokes.
      const mine = sketch.strokes.filter((s) => s.authorId === actor.id).map((s) => s.id);
      const ids = command.type === "stroke:undo" ? mine.filter((id) => id === command.strokeId) : mine;
      if (ids.length === 0) return fail(command.type === "stroke:undo" ? "NOT_YOUR_SKETCH" : "BAD_REQUEST", "Nothing of yours to take back");
      return accept({ type: "stroke:removed", payload: { sketchId: sketch.id, groupId: sketch.groupId, strokeIds: ids } });
    }
    case "sketch:mark": {
      const sketch = own(state.sketches, command.sketchId);
      if (!sketch) return fail("SKETCH_NOT_FOUND", "No such sketch");
      if (!staff) {
        if (actor.kind !== "participant") return fail("FORBIDDEN", "Not allowed");
        const may = mayDrawOn(state, actor.id, command.sketchId);
        if (!may.ok) return may.decision;
      }
      return accept({ type: "sketch:marked", payload: { sketchId: sketch.id, groupId: sketch.groupId, done: command.done } });
    }
    case "sketch:hide":
    case "sketch:restore": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer moderates sketches");
      const sketch = own(state.sketches, command.sketchId);
      if (!sketch) return fail("SKETCH_NOT_FOUND", "No such sketch");
      if ((command.type === "sketch:hide") === sketch.hidden) return fail("BAD_REQUEST", sketch.hidden ? "Already hidden" : "Already shown");
      return accept({ type: command.type === "sketch:hide" ? "sketch:hidden" : "sketch:restored", payload: { sketchId: sketch.id, groupId: sketch.groupId } });
    }
    case "sketch:spotlight": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer controls the projector");
      const sketch = command.sketchId === null ? null : own(state.sketches, command.sketchId);
      if (sketch === undefined || sketch?.hidden) return fail("SKETCH_NOT_FOUND", "No such sketch");
      return accept({ type: "sketch:spotlighted", payload: { sketchId: command.sketchId } });
    }
    case "sketch:configure": {
      if (!staff) return fail("FORBIDDEN", "Only the trainer sets up drawing");
      return accept({ type: "sketch:configured", payload: { mode: command.mode } });
    }
  }
}
