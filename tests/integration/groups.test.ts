import { cid, collect, nextEvent, send, sleep, startTestServer, type TestServer, type TestSocket } from "../support/test-server";

let t: TestServer;
beforeEach(async () => {
  t = await startTestServer();
});
afterEach(async () => {
  await t.close();
});

type Phone = { socket: TestSocket; id: string; name: string };

async function room(n: number) {
  const trainer = await t.account("trainer");
  const c = await t.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: "Groups", language: "en" });
  if (!created.ok) throw new Error(created.error.code);
  await send(c, "session:watch", { id: cid(), sessionId: created.sessionId, lastSeq: 0 });
  const phones: Phone[] = [];
  for (let i = 0; i < n; i++) {
    const socket = await t.connect();
    const ack = await send(socket, "participant:join", { id: cid(), code: created.code, nickname: `P${i}` });
    if (!ack.ok) throw new Error(ack.error.code);
    phones.push({ socket, id: ack.participantId, name: `P${i}` });
  }
  return { c, sessionId: created.sessionId as string, code: created.code as string, phones };
}

async function state(c: TestSocket, sessionId: string) {
  const w = await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  if (!w.ok || w.sync.kind !== "snapshot") throw new Error("expected snapshot");
  return w.sync.state;
}

describe("groups over the socket", () => {
  it("splits the room and tells each phone only its own group's members", async () => {
    const r = await room(8);
    const views = r.phones.map((p) => nextEvent(p.socket, "groups:formed"));
    const staffView = nextEvent(r.c, "groups:formed");
    const ack = await send(r.c, "groups:form", { id: cid(), sessionId: r.sessionId, by: "count", n: 3 });
    expect(ack.ok).toBe(true);
    const full = await staffView;
    expect(full.payload.groups.map((g: { members: string[] }) => g.members.length).sort()).toEqual([2, 3, 3]);

    for (const [i, v] of (await Promise.all(views)).entries()) {
      const mine = full.payload.groups.find((g: { members: string[] }) => g.members.includes(r.phones[i].id));
      expect(v.payload.view.groupId).toBe(mine.id);
      expect(v.payload.view.members.map((m: { id: string }) => m.id).sort()).toEqual([...mine.members].sort());
      // Other groups: names and sizes only.
      for (const g of v.payload.groups) expect(g.members).toEqual([]);
      expect(Object.values(v.payload.sizes).sort()).toEqual([2, 3, 3]);
    }
  });

  it("keeps a participant's group commands inside its own group", async () => {
    const r = await room(4);
    await send(r.c, "groups:form", { id: cid(), sessionId: r.sessionId, by: "count", n: 2 });
    const s = await state(r.c, r.sessionId);
    const mine = s.membership[r.phones[0].id];
    const other = s.groupOrder.find((g: string) => g !== mine);

    const before = s.seq;
    const refused = await send(r.phones[0].socket, "group:mark", { id: cid(), groupId: other, done: true });
    expect(refused).toMatchObject({ ok: false, error: { code: "NOT_IN_GROUP" } });
    // A participant cannot point at another session either: the session comes from its binding.
    const sneaky = await send(r.phones[0].socket, "group:mark", { id: cid(), sessionId: "another-session", groupId: other, done: true });
    expect(sneaky).toMatchObject({ ok: false, error: { code: "NOT_IN_GROUP" } });
    const after = await state(r.c, r.sessionId);
    expect(after.seq).toBe(before);
    expect(after.groupDone).toEqual({});

    const allowed = await send(r.phones[0].socket, "group:mark", { id: cid(), groupId: mine, done: true });
    expect(allowed.ok).toBe(true);
    expect((await state(r.c, r.sessionId)).groupDone).toEqual({ [mine]: true });

    // Trainer-only group commands are refused outright.
    expect(await send(r.phones[0].socket, "participant:move", { id: cid(), sessionId: r.sessionId, participantId: r.phones[0].id, groupId: other })).toMatchObject({
      error: { code: "UNAUTHENTICATED" },
    });
    expect(await send(r.phones[0].socket, "group:choose", { id: cid(), groupId: other })).toMatchObject({ error: { code: "SELF_SELECT_OFF" } });
  });

  it("puts a late joiner in a smallest group and tells that group", async () => {
    const r = await room(5);
    await send(r.c, "groups:form", { id: cid(), sessionId: r.sessionId, by: "count", n: 2 });
    const s = await state(r.c, r.sessionId);
    const smallest = s.groupOrder.find((g: string) => s.groupSizes[g] === 2);
    const someoneThere = r.phones.find((p) => s.membership[p.id] === smallest)!;
    const heard = nextEvent(someoneThere.socket, "participant:joined");
    const late = await t.connect();
    const ack = await send(late, "participant:join", { id: cid(), code: r.code, nickname: "Late" });
    if (!ack.ok || ack.sync.kind !== "snapshot") throw new Error("join failed");
    expect(ack.sync.state.membership[ack.participantId]).toBe(smallest);
    const names = Object.values(ack.sync.state.participants).map((p: any) => p.nickname).sort();
    expect(names).toEqual([...r.phones.filter((p) => s.membership[p.id] === smallest).map((p) => p.name), "Late"].sort());
    const e = await heard;
    expect(e.payload).toMatchObject({ nickname: "Late", groupId: smallest });
  });

  it("moves a participant: its phone joins the new group's room at once", async () => {
    const r = await room(4);
    await send(r.c, "groups:form", { id: cid(), sessionId: r.sessionId, by: "count", n: 2 });
    const s = await state(r.c, r.sessionId);
    const mover = r.phones[0];
    const from = s.membership[mover.id];
    const to = s.groupOrder.find((g: string) => g !== from);
    const moved = nextEvent(mover.socket, "participant:moved");
    expect((await send(r.c, "participant:move", { id: cid(), sessionId: r.sessionId, participantId: mover.id, groupId: to })).ok).toBe(true);
    const e = await moved;
    expect(e.payload.view.groupId).toBe(to);
    expect(e.payload.view.members.map((m: { id: string }) => m.id)).toContain(mover.id);

    // A broadcast to the new group reaches the mover; one to the old group does not.
    const got = collect(mover.socket, "broadcast:sent");
    await send(r.c, "broadcast:send", { id: cid(), sessionId: r.sessionId, text: "old group only", groupId: from });
    const toNew = nextEvent(mover.socket, "broadcast:sent");
    await send(r.c, "broadcast:send", { id: cid(), sessionId: r.sessionId, text: "new group", groupId: to });
    await toNew;
    await sleep(50);
    expect(got.map((b) => b.payload.text)).toEqual(["new group"]);
  });

  it("lets participants choose in self-select mode, up to the cap", async () => {
    const r = await room(3);
    await send(r.c, "groups:form", { id: cid(), sessionId: r.sessionId, by: "count", n: 2, selfSelect: true, cap: 1 });
    const s = await state(r.c, r.sessionId);
    const [g1, g2] = s.groupOrder;
    expect(s.groupSizes).toEqual({ [g1]: 0, [g2]: 0 });
    expect((await send(r.phones[0].socket, "group:choose", { id: cid(), groupId: g1 })).ok).toBe(true);
    expect(await send(r.phones[1].socket, "group:choose", { id: cid(), groupId: g1 })).toMatchObject({ error: { code: "GROUP_FULL" } });
    expect((await send(r.phones[1].socket, "group:choose", { id: cid(), groupId: g2 })).ok).toBe(true);
    const late = await t.connect();
    const ack = await send(late, "participant:join", { id: cid(), code: r.code, nickname: "Late" });
    if (!ack.ok || ack.sync.kind !== "snapshot") throw new Error("join failed");
    // In self-select a late joiner is offered the choice, not placed.
    expect(ack.sync.state.membership[ack.participantId]).toBeUndefined();
  });

  it("regroups: mix with new people, merge, split, rename, remove an empty group", async () => {
    const r = await room(12);
    await send(r.c, "groups:form", { id: cid(), sessionId: r.sessionId, by: "count", n: 3 });
    const first = await state(r.c, r.sessionId);
    const together = (st: any) => {
      const pairs = new Set<string>();
      for (const g of st.groupOrder) {
        const m = st.participantOrder.filter((id: string) => st.membership[id] === g).sort();
        for (let i = 0; i < m.length; i++) for (let j = i + 1; j < m.length; j++) pairs.add(`${m[i]}|${m[j]}`);
      }
      return pairs;
    };
    await send(r.c, "groups:form", { id: cid(), sessionId: r.sessionId, by: "count", n: 3, mixNew: true });
    const second = await state(r.c, r.sessionId);
    const repeats = [...together(second)].filter((p) => together(first).has(p)).length;
    expect(repeats).toBeLessThanOrEqual(3);

    const [a, b, c] = second.groupOrder;
    expect((await send(r.c, "groups:merge", { id: cid(), sessionId: r.sessionId, from: a, into: b })).ok).toBe(true);
    let st = await state(r.c, r.sessionId);
    expect(st.groupOrder).toEqual([b, c]);
    expect(st.groupSizes[b]).toBe(8);
    expect(st.groups[a].active).toBe(false);

    expect((await send(r.c, "group:split", { id: cid(), sessionId: r.sessionId, groupId: b })).ok).toBe(true);
    st = await state(r.c, r.sessionId);
    expect(st.groupOrder).toHaveLength(3);
    expect(Object.values(st.groupSizes).sort()).toEqual([4, 4, 4]);

    expect((await send(r.c, "group:rename", { id: cid(), sessionId: r.sessionId, groupId: c, name: "  Sunflowers  " })).ok).toBe(true);
    expect((await state(r.c, r.sessionId)).groups[c].name).toBe("Sunflowers");
    expect(await send(r.c, "group:remove", { id: cid(), sessionId: r.sessionId, groupId: c })).toMatchObject({ error: { code: "GROUP_NOT_EMPTY" } });
  });

  it("gives one group more time, which only that group hears", async () => {
    const r = await room(4);
    await send(r.c, "groups:form", { id: cid(), sessionId: r.sessionId, by: "count", n: 2 });
    const s = await state(r.c, r.sessionId);
    const g = s.membership[r.phones[0].id];
    const outsider = r.phones.find((p) => s.membership[p.id] !== g)!;
    const heard = collect(outsider.socket, "group-timer:set");
    const mine = nextEvent(r.phones[0].socket, "group-timer:set");
    expect((await send(r.c, "timer:extend", { id: cid(), sessionId: r.sessionId, seconds: 120, groupId: g })).ok).toBe(true);
    expect((await mine).payload.timer.remainingMs).toBe(120_000);
    await sleep(50);
    expect(heard).toEqual([]);
  });
});
