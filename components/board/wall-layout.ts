/**
 * The projector wall's paging, as plain arithmetic on measured heights:
 * sections (a group's or a cluster's notes, under a heading) flow down
 * columns like a newspaper; a screenful of columns is a page.
 */

export interface PackSection {
  id: string;
  /** The heading's height; 0 for a section without one (the "top voted" list). */
  head: number;
  /** Each note's height, in order. */
  notes: readonly number[];
}

/** A section's run of notes inside one column. `cont`: the section began in an earlier column. */
export interface Segment {
  sectionId: string;
  cont: boolean;
  /** Indexes into the section's notes. */
  notes: number[];
}

export type PackedColumn = Segment[];

export interface PackOptions {
  /** The column's height. */
  height: number;
  /** Space between any two blocks (heading or note) in a column. */
  gap: number;
  /** Extra space above a heading that is not at the top of its column. */
  headTop: number;
  /** Each section starts at the top of a column. */
  sectionBreak: boolean;
}

/**
 * Packs sections into columns, top to bottom, in order. A heading always
 * goes with at least its section's first note; a section that runs on to a
 * new column gets its heading again. A note taller than a column gets a
 * column of its own (and is cut off there: notes are short, columns tall).
 */
export function packColumns(sections: readonly PackSection[], o: PackOptions): PackedColumn[] {
  const columns: PackedColumn[] = [];
  let col: PackedColumn = [];
  let used = 0;
  const close = () => {
    if (col.length) columns.push(col);
    col = [];
    used = 0;
  };
  const cost = (h: number, head: boolean) => (used === 0 ? h : used + o.gap + (head ? o.headTop : 0) + h);

  for (const s of sections) {
    if (s.notes.length === 0) continue;
    if (o.sectionBreak) close();
    let seg: Segment | null = null;
    let placed = 0;
    for (let i = 0; i < s.notes.length; i++) {
      const h = s.notes[i];
      if (!seg) {
        // Heading and first note together.
        const withHead = s.head > 0 ? cost(s.head, true) + o.gap + h : cost(h, false);
        if (withHead > o.height && used > 0) close();
        used = s.head > 0 ? cost(s.head, true) + o.gap + h : cost(h, false);
        seg = { sectionId: s.id, cont: placed > 0, notes: [i] };
        col.push(seg);
      } else if (cost(h, false) <= o.height) {
        used = cost(h, false);
        seg.notes.push(i);
      } else {
        close();
        i--;
        seg = null;
        continue;
      }
      placed++;
      if (used > o.height) {
        // Taller than a column: alone, and the next note starts a fresh column.
        close();
        seg = null;
      }
    }
  }
  close();
  return columns;
}

/** Columns grouped into pages of `perPage`. */
export function paginate<T>(columns: readonly T[], perPage: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < columns.length; i += Math.max(1, perPage)) pages.push(columns.slice(i, i + Math.max(1, perPage)));
  return pages.length ? pages : [[]];
}

/** How many columns of at least `minWidth` fit across `width`, with `gap` between. */
export function columnsAcross(width: number, minWidth: number, gap: number): number {
  return Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
}
