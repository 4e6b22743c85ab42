import { Outbox } from "@/lib/client/outbox";

function memoryStorage() {
  const data = new Map<string, string>();
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data };
}

describe("outbox", () => {
  it("survives a reload: a new outbox on the same storage has the same entries", () => {
    const storage = memoryStorage();
    const first = new Outbox("k", storage);
    first.add({ name: "note:add", payload: { id: "c1", noteId: "n1", text: "offline idea" }, createdAt: 1 });
    first.add({ name: "note:add", payload: { id: "c2", noteId: "n2", text: "another" }, createdAt: 2 });
    const afterReload = new Outbox("k", storage);
    expect(afterReload.list().map((e) => e.payload.id)).toEqual(["c1", "c2"]);
    afterReload.remove("c1");
    expect(new Outbox("k", storage).list().map((e) => e.payload.id)).toEqual(["c2"]);
  });

  it("keeps one entry per command id and tells listeners", () => {
    const o = new Outbox("k", memoryStorage());
    const seen: number[] = [];
    o.subscribe((e) => seen.push(e.length));
    o.add({ name: "note:add", payload: { id: "c1" }, createdAt: 1 });
    o.add({ name: "note:add", payload: { id: "c1" }, createdAt: 1 });
    o.remove("c1");
    expect(seen).toEqual([1, 0]);
  });

  it("ignores garbage in storage", () => {
    const storage = memoryStorage();
    storage.setItem("k", "{not json");
    expect(new Outbox("k", storage).list()).toEqual([]);
    storage.setItem("k", JSON.stringify([{ name: 1 }, { name: "note:add", payload: { id: "ok" }, createdAt: 1 }]));
    expect(new Outbox("k", storage).list().map((e) => e.payload.id)).toEqual(["ok"]);
  });
});

describe("outbox shared by two tabs", () => {
  it("keeps what the other tab queued", () => {
    const storage = memoryStorage();
    const tab1 = new Outbox("k", storage);
    const tab2 = new Outbox("k", storage);
    tab1.add({ name: "note:add", payload: { id: "a" }, createdAt: 1 });
    tab2.add({ name: "note:add", payload: { id: "b" }, createdAt: 2 });
    tab1.remove("a");
    expect(new Outbox("k", storage).list().map((e) => e.payload.id)).toEqual(["b"]);
  });
});
