import crypto from "node:crypto";
import { buildReport } from "@/lib/domain/report";
import { eventForViewer } from "@/lib/domain/visibility";
import { notesCsv } from "@/lib/server/reports/notes-csv";
import { spreadsheetCell } from "@/lib/server/reports/spreadsheet-cell";
import { cid, roomInTwoGroups, send, staffState, startTestServer, type TestServer } from "../support/test-server";

/** Spreadsheet formula injection: nothing a participant or trainer types comes out of an export as a live formula. */

/** A small RFC 4180 reader: rows of cells, quotes undone. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      if (ch === "\r") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", " =1+1", "\u00a0@x", "\uFF1D1+1"];

describe("spreadsheetCell", () => {
  it.each(PAYLOADS)("neutralises %j with a leading quote", (payload) => {
    expect(spreadsheetCell(payload)).toBe(`'${payload}`);
  });

  it.each(["Aida", "Ideas: =not a formula", "", "1+1", "Ақпарат", "'already quoted", "e-mail"])("leaves %j alone", (text) => {
    expect(spreadsheetCell(text)).toBe(text);
  });

  it("leaves numbers alone (vote counts), even negative ones", () => {
    expect(spreadsheetCell(-3)).toBe(-3);
    expect(spreadsheetCell(7)).toBe(7);
  });
});

describe("notes CSV export", () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it("exports nicknames, notes, group and cluster names that start a formula as text", async () => {
    const nicknames = ['=HYPERLINK("http://x","y")', "@SUM(A1)", "+1 Aida", "-1 Dana"];
    const room = await roomInTwoGroups(t, { n: 4, nickname: (i) => nicknames[i] });
    const st = await staffState(room.c, room.sessionId);
    const [g1, g2] = st.groupOrder as string[];
    expect((await send(room.c, "group:rename", { id: cid(), sessionId: room.sessionId, groupId: g1, name: "=1+1" })).ok).toBe(true);
    expect((await send(room.c, "group:rename", { id: cid(), sessionId: room.sessionId, groupId: g2, name: "-2" })).ok).toBe(true);
    const cluster = await send(room.c, "cluster:create", { id: cid(), sessionId: room.sessionId, name: "@cluster" });
    expect(cluster.ok).toBe(true);
    const clusterId = (Object.keys((await staffState(room.c, room.sessionId)).clusters) as string[])[0];

    const texts = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "=1\t=2", "ordinary idea"];
    const noteIds: string[] = [];
    for (const [i, text] of texts.entries()) {
      const phone = room.phones[i % room.phones.length];
      const noteId = crypto.randomUUID();
      const ack = await send(phone.socket, "note:add", { id: cid(), noteId, text });
      expect(ack.ok).toBe(true);
      noteIds.push(noteId);
    }
    expect((await send(room.c, "note:cluster", { id: cid(), sessionId: room.sessionId, noteId: noteIds[5], clusterId })).ok).toBe(true);

    const state = await staffState(room.c, room.sessionId);
    const events = (await t.server.services.store.readSince(room.sessionId, 0)).map((e) => eventForViewer(e, { kind: "staff" }, state)!);
    const csv = notesCsv(buildReport(state, events, Date.now()), { locale: "en" });
    const rows = parseCsv(csv.replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["Group", "Cluster", "Author", "Text", "Votes", "Status", "Flagged by the filter", "Step", "Created", "Edited"]);
    const body = rows.slice(1);
    expect(body).toHaveLength(texts.length);
    for (const row of body) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);

    const byText = (t: string) => body.find((r) => r[3] === t || r[3] === `'${t}`)!;
    expect(byText('=HYPERLINK("http://x","y")')[3]).toBe(`'=HYPERLINK("http://x","y")`);
    expect(byText("+1")[3]).toBe("'+1");
    expect(byText("-1")[3]).toBe("'-1");
    expect(byText("@SUM(A1)")[3]).toBe("'@SUM(A1)");
    expect(byText("ordinary idea")[1]).toBe("'@cluster");
    expect(body.map((r) => r[2])).toEqual(expect.arrayContaining([`'=HYPERLINK("http://x","y")`, "'@SUM(A1)", "'+1 Aida", "'-1 Dana"]));
    expect(body.map((r) => r[0])).toEqual(expect.arrayContaining(["'=1+1", "'-2"]));
    // Vote counts stay numbers.
    expect(body.every((r) => /^\d+$/.test(r[4]))).toBe(true);
  });
});
