/**
 * The in-place folds (`createFold`) against the pure reducer, on the same
 * random sessions as the sync property test (support/sync-sim.ts runs them
 * with the pure `applyEvent`):
 *
 * - the server's fold ("everything" in place) holds, after every step, a
 *   state equal to the pure fold's;
 * - each client's fold ("notes" in place) holds what the same client holds
 *   with the pure fold, and a note change always comes with a new state and
 *   `seq` (what components watch: notes and their order are written in place);
 * - a draft (the hub deciding a batch before it is stored) leaves the state
 *   exactly as it was;
 * - the pure `applyEvent` never writes into the state it is given (the
 *   simulation's states are frozen after every step).
 */
import fc from "fast-check";
import { createFold, type Fold } from "@/lib/domain/apply-event";
import { decide } from "@/lib/domain/commands";
import type { ClientEvent } from "@/lib/domain/events";
import type { SessionState } from "@/lib/domain/session-state";
import { toClientEvent } from "@/lib/domain/visibility";
import { createdBody, PLAN } from "./support/session-fixtures";
import { FILTER, resolve, stepArb, type StepSpec } from "./support/sync-model";
import { SyncSim } from "./support/sync-sim";

interface Scenario {
  withPlan: boolean;
  phones: number;
  seed: number;
  steps: StepSpec[];
  drafts: number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  withPlan: fc.boolean(),
  phones: fc.integer({ min: 4, max: 8 }),
  seed: fc.integer({ min: 1, max: 2 ** 30 }),
  steps: fc.array(stepArb, { minLength: 30, maxLength: 100, size: "max" }),
  // Steps after which the server's fold drafts the next few commands and must come back unchanged.
  drafts: fc.array(fc.integer({ min: 0, max: 99 }), { maxLength: 10 }),
});

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

interface Client {
  fold: Fold;
  state: SessionState;
}

function runScenario(sc: Scenario): void {
  const sim = new SyncSim(sc.seed, FILTER);
  sim.store(createdBody(sc.withPlan ? PLAN : null, true));
  sim.watch("trainer");
  sim.watch("screen");
  const server = createFold("everything");
  let st = sim.server;
  const clients = new Map<string, Client>();
  const clientOf = (name: string): Client => {
    let c = clients.get(name);
    if (!c) {
      c = { fold: createFold("notes"), state: sim.viewer(name).state };
      clients.set(name, c);
    }
    return c;
  };
  for (const name of sim.viewers.keys()) clientOf(name);
  const phones = Array.from({ length: sc.phones }, (_, i) => `p${i + 1}`);
  const drafts = new Set(sc.drafts);

  sc.steps.forEach((spec, i) => {
    deepFreeze(sim.server);
    for (const v of sim.viewers.values()) deepFreeze(v.state);
    const r = resolve(spec, sim.server, phones, [...sim.viewers.keys()]);
    if (!r) return;
    if (r.kind !== "command") {
      if (r.kind === "disconnect") return sim.disconnect(r.name);
      sim.reconnect(r.name);
      // Whatever the client got, snapshot or events, the in-place client starts again from it.
      clientOf(r.name).state = sim.viewer(r.name).state;
      return;
    }
    if (drafts.has(i)) {
      const before = structuredClone(st);
      server.draft(() => {
        // Decide and fold this command and the next two on the draft, as the hub does with a batch.
        let d = st;
        for (const later of sc.steps.slice(i, i + 3)) {
          const rr = resolve(later, d, phones, [...sim.viewers.keys()]);
          if (rr?.kind !== "command") continue;
          const decision = decide(d, rr.command, rr.actor, { ...sim.ctx, now: sim.now + 1 });
          if (decision.ok) d = server.apply(d, { ...decision.event, sessionId: d.id, seq: d.seq + 1, at: sim.now + 1 } as ClientEvent);
        }
      });
      expect(st).toEqual(before);
    }
    const res = sim.run(r.command, r.actor);
    if (!res.event) return;
    st = server.apply(st, toClientEvent(res.event));
    expect(st).toEqual(sim.server);
    for (const d of res.deliveries) {
      const c = clientOf(d.to.name);
      const [prev, seq] = [c.state, c.state.seq];
      const order = [...c.state.noteOrder];
      const notes = { ...c.state.notes };
      c.state = c.fold.apply(c.state, d.event, d.to.self);
      expect(c.state).toEqual(d.to.state);
      const changed =
        Object.keys(notes).length !== Object.keys(c.state.notes).length ||
        Object.entries(notes).some(([id, n]) => c.state.notes[id] !== n) ||
        order.join() !== c.state.noteOrder.join();
      if (changed) {
        expect(c.state).not.toBe(prev);
        expect(c.state.seq).toBeGreaterThan(seq);
      }
    }
    // A phone that joined starts from its snapshot.
    if (res.event.type === "participant:joined") clientOf(res.event.payload.participantId);
  });
}

describe("in-place folds (property)", () => {
  it("equal the pure fold on the server and on every client; a draft leaves no trace", () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => runScenario(sc)),
      { numRuns: Number(process.env.FOLD_RUNS ?? 150), ...(process.env.SYNC_SEED ? { seed: Number(process.env.SYNC_SEED) } : {}) },
    );
  });
});
