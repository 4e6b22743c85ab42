import { describe, expect, it } from "@jest/globals";
import { columnsAcross, packColumns, paginate, type PackSection } from "@/components/board/wall-layout";
import { galleryGrid } from "@/components/screen/gallery-grid";
import { applyEvent } from "@/lib/domain/apply-event";
import { DEFAULT_BOARD, withBoardDefaults } from "@/lib/domain/board";
import type { ClientEvent } from "@/lib/domain/events";
import { emptySessionState } from "@/lib/domain/session-state";
import { COMMAND_TABLE } from "@/lib/protocol/commands";

const opts = { height: 100, gap: 10, headTop: 5, sectionBreak: false };

describe("packColumns", () => {
  const cases: { name: string; sections: PackSection[]; o?: Partial<typeof opts>; columns: [string, boolean, number[]][][] }[] = [
    { name: "everything in one column", sections: [{ id: "a", head: 20, notes: [20, 20] }], columns: [[["a", false, [0, 1]]]] },
    {
      name: "a section runs on with its heading again",
      sections: [{ id: "a", head: 20, notes: [30, 30, 30] }],
      // 20 + 10 + 30 + 10 + 30 = 100; the third note starts a column.
      columns: [[["a", false, [0, 1]]], [["a", true, [2]]]],
    },
    {
      name: "a heading never sits alone at a column's foot",
      sections: [
        { id: "a", head: 20, notes: [50] },
        { id: "b", head: 20, notes: [20] },
      ],
      // a: 20+10+50 = 80; b's heading and note would need 80+10+5+20+10+20 > 100.
      columns: [[["a", false, [0]]], [["b", false, [0]]]],
    },
    {
      name: "sections share a column when they fit",
      sections: [
        { id: "a", head: 10, notes: [20] },
        { id: "b", head: 10, notes: [20] },
      ],
      columns: [[["a", false, [0]], ["b", false, [0]]]],
    },
    {
      name: "section breaks start each section at a column's top",
      sections: [
        { id: "a", head: 10, notes: [20] },
        { id: "b", head: 10, notes: [20] },
      ],
      o: { sectionBreak: true },
      columns: [[["a", false, [0]]], [["b", false, [0]]]],
    },
    { name: "a note taller than a column stands alone", sections: [{ id: "a", head: 0, notes: [30, 500, 30] }], columns: [[["a", false, [0]]], [["a", true, [1]]], [["a", true, [2]]]] },
    { name: "empty sections are skipped", sections: [{ id: "a", head: 10, notes: [] }], columns: [] },
  ];
  it.each(cases)("$name", ({ sections, o, columns }) => {
    const packed = packColumns(sections, { ...opts, ...o });
    expect(packed.map((col) => col.map((seg) => [seg.sectionId, seg.cont, seg.notes]))).toEqual(columns);
  });

  it("places every note exactly once, in order, within the height", () => {
    const sections: PackSection[] = Array.from({ length: 40 }, (_, g) => ({ id: `g${g}`, head: 18, notes: Array.from({ length: 12 + (g % 5) }, (_, i) => 20 + ((g * 7 + i * 13) % 40)) }));
    const packed = packColumns(sections, opts);
    const seen = packed.flatMap((col) => col.flatMap((seg) => seg.notes.map((i) => `${seg.sectionId}:${i}`)));
    expect(seen).toEqual(sections.flatMap((s) => s.notes.map((_, i) => `${s.id}:${i}`)));
    for (const col of packed) {
      let used = 0;
      col.forEach((seg, si) => {
        const s = sections.find((x) => x.id === seg.sectionId)!;
        used += (si > 0 ? opts.gap + opts.headTop : 0) + s.head;
        for (const i of seg.notes) used += opts.gap + s.notes[i];
      });
      expect(used).toBeLessThanOrEqual(opts.height);
    }
  });
});

describe("paging and columns", () => {
  it("groups columns into pages", () => {
    expect(paginate([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(paginate([], 3)).toEqual([[]]);
  });
  it("fits as many columns as the width allows", () => {
    expect(columnsAcross(1000, 300, 20)).toBe(3);
    expect(columnsAcross(100, 300, 20)).toBe(1);
  });
});

describe("galleryGrid", () => {
  const screens = [
    { w: 1500, h: 800 },
    { w: 900, h: 500 },
    { w: 700, h: 520 },
  ];
  const label = (w: number) => Math.max(12, Math.min(28, w * 0.13)) * 1.3;
  it.each(screens.flatMap((s) => [1, 2, 6, 13, 40, 60].map((n) => ({ ...s, n }))))("$n tiles fill $w x $h without running over", ({ w, h, n }) => {
    const g = galleryGrid(n, w, h, 10, label);
    expect(g.cols * g.rows).toBeGreaterThanOrEqual(n);
    expect(g.cols * g.tileW + (g.cols - 1) * 10).toBeLessThanOrEqual(w + 0.01);
    expect(g.rows * (g.tileH + label(g.tileW)) + (g.rows - 1) * 10).toBeLessThanOrEqual(h + 0.01);
    // Filled: the tiles take most of one dimension.
    const usedW = (g.cols * g.tileW + (g.cols - 1) * 10) / w;
    const usedH = (g.rows * (g.tileH + label(g.tileW)) + (g.rows - 1) * 10) / h;
    expect(Math.max(usedW, usedH)).toBeGreaterThan(0.9);
  });
  it("six sketches on a wide screen sit in one or two rows, not a column", () => {
    expect(galleryGrid(6, 1500, 800, 10, label).rows).toBeLessThanOrEqual(2);
  });
});

describe("wall view settings", () => {
  const configured = (settings: Record<string, unknown>): ClientEvent => ({ type: "board:configured", seq: 1, at: 1, sessionId: "s1", payload: { settings } }) as unknown as ClientEvent;

  it("an old session's event without the view fields gets the defaults", () => {
    const { wallView: _v, wallNote: _n, ...old } = DEFAULT_BOARD;
    const after = applyEvent(emptySessionState("s1"), configured({ ...old, showAll: true }));
    expect(after.board).toEqual({ ...DEFAULT_BOARD, showAll: true, wallView: "group", wallNote: null });
  });

  it("an old wall by cluster stays by cluster", () => {
    const { wallView: _v, wallNote: _n, ...old } = DEFAULT_BOARD;
    expect(applyEvent(emptySessionState("s1"), configured({ ...old, wallGroupBy: "cluster" })).board.wallView).toBe("cluster");
    expect(withBoardDefaults({ ...old, wallGroupBy: "cluster" }).wallView).toBe("cluster");
  });

  it("a new event keeps its view and note", () => {
    expect(applyEvent(emptySessionState("s1"), configured({ ...DEFAULT_BOARD, wallView: "single", wallNote: "n-1" })).board).toMatchObject({ wallView: "single", wallNote: "n-1" });
  });

  it("board:configure carries only what changed: no default resets the view", () => {
    const schema = COMMAND_TABLE["board:configure"].body;
    expect(schema.parse({ settings: { showAll: true } })).toEqual({ settings: { showAll: true } });
    expect(schema.parse({ settings: { wallView: "cloud" } })).toEqual({ settings: { wallView: "cloud" } });
    expect(schema.parse({ settings: { wallView: "single", wallNote: "note-abc" } })).toEqual({ settings: { wallView: "single", wallNote: "note-abc" } });
    expect(schema.safeParse({ settings: { wallView: "poster" } }).success).toBe(false);
  });
});
