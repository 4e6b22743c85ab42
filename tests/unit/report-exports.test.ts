import readExcelFile from "read-excel-file/node";
import { applyEvents } from "@/lib/domain/apply-event";
import type { ClientEvent } from "@/lib/domain/events";
import type { Locale } from "@/lib/domain/locales";
import { buildReport } from "@/lib/domain/report";
import { emptySessionState } from "@/lib/domain/session-state";
import { wallClockText } from "@/lib/server/reports/export-text";
import { notesCsv } from "@/lib/server/reports/notes-csv";
import { reportXlsx } from "@/lib/server/reports/report-xlsx";
import { sketchFileName } from "@/lib/server/reports/sketch-export";
import type { SessionRecord } from "@/lib/server/store/event-store";

/** Notes CSV and the XLSX workbook, as a Russian or Kazakh spreadsheet user opens them. */

const T0 = Date.UTC(2026, 10, 3, 9, 0, 0); // 12:00 in Moscow
/** Exports show the server's wall clock; the tests pin a zone (UTC+3, no DST since 2014). */
const timeZone = "Europe/Moscow";
const plan = {
  id: "p",
  version: 1,
  title: { en: "Safe work abroad", ru: "Безопасная работа за границей", kk: "Шетелде қауіпсіз жұмыс" },
  steps: [
    { id: "intro", kind: "intro" as const, title: { en: "Welcome", ru: "Знакомство", kk: "Танысу" }, groups: false },
    { id: "storm", kind: "brainstorm" as const, title: { en: "Ideas", ru: "Идеи", kk: "Идеялар" }, groups: true },
  ],
};
const idle = { status: "idle", durationMs: 0, remainingMs: 0, endsAt: null };
const stroke = (id: string, authorId: string) => ({ id, colour: "#111827", width: 6, tool: "pen", points: [10, 10, 50, 200, 200, 50], authorId });
const note = (id: string, text: string, at: number, extra: object = {}) => ({ id, groupId: "g1", stepId: "storm", text, authorId: "p1", anonymous: false, status: "visible", flagged: false, clusterId: null, votes: 0, createdAt: at, editedAt: null, ...extra });

function session(language: Locale) {
  let seq = 0;
  const ev = (type: string, payload: object, at: number) => ({ type, payload, sessionId: "s", seq: ++seq, at: T0 + at }) as ClientEvent;
  const events = [
    ev("session:created", { title: "=Занятие", language, code: "ABCDEF", trainerId: "t", plan, help: { contacts: [], examples: true }, askProfile: true }, 0),
    ev("participant:joined", { participantId: "p1", nickname: "Айгерім" }, 60_000),
    ev("participant:joined", { participantId: "p2", nickname: '=HYPERLINK("http://x","y")' }, 120_000),
    ev("participant:joined", { participantId: "p3", nickname: "Bolat" }, 180_000),
    ev("participant:profiled", { participantId: "p1", ageBand: "16-17", sex: "female" }, 200_000),
    ev("groups:formed", { groups: [{ id: "g1", name: "Түлкі; Қасқыр", colour: "#f97316", members: ["p1", "p2"] }, { id: "g2", name: "@Сова", colour: "#8b5cf6", members: ["p3"] }], selfSelect: false, cap: null, sizes: { g1: 2, g2: 1 } }, 240_000),
    ev("agenda:moved", { index: 1, timer: idle }, 300_000),
    ev("note:added", { note: note("n1", "Не верь лёгким деньгам, проверь договор", T0 + 305_000, { votes: 3 }) }, 305_000),
    ev("note:added", { note: note("n2", "-1 заработок", T0 + 306_000, { authorId: "p2" }) }, 306_000),
    ev("note:added", { note: note("n3", "тайна", T0 + 307_000, { anonymous: true, authorId: null, groupId: "g2" }) }, 307_000),
    ev("note:hidden", { noteId: "n2", groupId: "g1" }, 308_000),
    ev("stroke:committed", { sketchId: "p_p1_storm", groupId: "g1", ownerKind: "participant", ownerId: "p1", stepId: "storm", stroke: stroke("stroke-0001", "p1") }, 310_000),
    ev("stroke:committed", { sketchId: "g_g2_storm", groupId: "g2", ownerKind: "group", ownerId: "g2", stepId: "storm", stroke: stroke("stroke-0002", "p3") }, 311_000),
    ev("sketch:hidden", { sketchId: "g_g2_storm", groupId: "g2" }, 312_000),
    ev("participants:removed", { participantIds: ["p2"], keepNotes: true, noteIds: [], sketchIds: [], sizes: { g1: 1, g2: 1 } }, 400_000),
    ev("session:ended", {}, 3_600_000),
  ];
  const state = applyEvents(emptySessionState("s"), events);
  const report = buildReport(state, events, T0 + 3_600_000);
  const record: SessionRecord = { id: "s", code: "ABCDEF", title: "=Занятие", language, trainerId: "t", status: "ended", createdAt: T0, endedAt: T0 + 3_600_000 };
  return { state, report, record };
}

/** An RFC 4180 reader for one separator: rows of cells, quotes undone. */
function parseCsv(text: string, sep: string): string[][] {
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
    else if (ch === sep) {
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

describe("wall-clock times", () => {
  it.each([
    ["Europe/Moscow", Date.UTC(2026, 10, 3, 9, 0, 5), "2026-11-03 12:00:05"],
    ["Asia/Kolkata", Date.UTC(2026, 10, 3, 9, 59, 59), "2026-11-03 15:29:59"],
    // Either side of Berlin's spring change (01:00 UTC on 29 March 2026).
    ["Europe/Berlin", Date.UTC(2026, 2, 29, 0, 59, 59), "2026-03-29 01:59:59"],
    ["Europe/Berlin", Date.UTC(2026, 2, 29, 1, 0, 0), "2026-03-29 03:00:00"],
  ])("in %s", (zone, ms, text) => {
    expect(wallClockText(ms, zone)).toBe(text);
  });
});

describe("notes CSV", () => {
  it("starts with a UTF-8 byte-order mark, so Excel reads Cyrillic and Kazakh letters", () => {
    const csv = notesCsv(session("kk").report, { locale: "kk", timeZone });
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it.each([
    ["en", ","],
    ["ru", ";"],
    ["kk", ";"],
  ] as const)("in a %s session is split on %j, the separator that language's Excel expects", (locale, sep) => {
    const csv = notesCsv(session(locale).report, { locale, timeZone }).slice(1);
    const rows = parseCsv(csv, sep);
    expect(rows.map((r) => r.length)).toEqual([10, 10, 10, 10]);
    // A value holding the separator is quoted, so it stays one cell.
    expect(rows[1][0]).toBe("Түлкі; Қасқыр");
  });

  it("takes an explicit separator over the language's", () => {
    const { report } = session("ru");
    expect(parseCsv(notesCsv(report, { locale: "ru", separator: "," }).slice(1), ",")[0]).toHaveLength(10);
    expect(parseCsv(notesCsv(report, { locale: "ru", separator: "\t" }).slice(1), "\t")[0]).toHaveLength(10);
  });

  it("writes Russian headers, values and step titles in a Russian session", () => {
    const rows = parseCsv(notesCsv(session("ru").report, { locale: "ru", timeZone }).slice(1), ";");
    expect(rows[0]).toEqual(["Группа", "Кластер", "Автор", "Текст", "Голоса", "Статус", "Отмечена фильтром", "Шаг", "Создана", "Изменена"]);
    expect(rows[1]).toEqual(["Түлкі; Қасқыр", "", "Айгерім", "Не верь лёгким деньгам, проверь договор", "3", "видна", "", "Идеи", "2026-11-03 12:05:05", ""]);
    expect(rows[2].slice(5, 8)).toEqual(["скрыта", "", "Идеи"]);
    expect(rows[3].slice(0, 3)).toEqual(["'@Сова", "", "Аноним"]);
  });

  it("writes Kazakh headers and values in a Kazakh session", () => {
    const rows = parseCsv(notesCsv(session("kk").report, { locale: "kk", timeZone }).slice(1), ";");
    expect(rows[0]).toEqual(["Топ", "Кластер", "Авторы", "Мәтін", "Дауыстар", "Күйі", "Сүзгі белгіледі", "Қадам", "Жазылған уақыты", "Өзгертілген уақыты"]);
    expect(rows.slice(1).map((r) => [r[5], r[7]])).toEqual([
      ["көрінеді", "Идеялар"],
      ["жасырылған", "Идеялар"],
      ["көрінеді", "Идеялар"],
    ]);
    expect(rows[3][2]).toBe("Жасырын");
  });

  it("never starts a cell with a formula character", () => {
    const rows = parseCsv(notesCsv(session("ru").report, { locale: "ru", timeZone }).slice(1), ";");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(FORMULA_START);
    expect(rows[2][3]).toBe("'-1 заработок");
  });
});

type Cell = string | number | boolean | Date | null;
async function workbook(locale: Locale) {
  const s = session(locale);
  const buffer = await reportXlsx({ ...s, trainer: "Тренер Әлия", locale, timeZone, now: T0 + 7_200_000 });
  const sheets = (await readExcelFile(buffer)) as unknown as { sheet: string; data: Cell[][] }[];
  return { buffer, sheets, byName: Object.fromEntries(sheets.map((x) => [x.sheet, x.data])) };
}
/** Excel stores times as fractions of a day: compare to the second. */
const wall = (d: Cell) => (d instanceof Date ? new Date(Math.round(d.getTime() / 1000) * 1000).toISOString().slice(0, 19).replace("T", " ") : d);

describe("XLSX report", () => {
  it("is a workbook with Summary, Attendance, Notes and Sketches, named in Russian", async () => {
    const { buffer, sheets } = await workbook("ru");
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    expect(sheets.map((s) => s.sheet)).toEqual(["Сводка", "Посещаемость", "Заметки", "Эскизы"]);
  });

  it("sums the session up in Russian, with real dates and numbers", async () => {
    const summary = Object.fromEntries((await workbook("ru")).byName["Сводка"].slice(1).map(([k, v]) => [k, v]));
    expect(summary["Занятие"]).toBe("'=Занятие");
    expect(summary["План"]).toBe("Безопасная работа за границей");
    expect(summary["Дата"]).toBeInstanceOf(Date);
    expect(wall(summary["Дата"])).toBe("2026-11-03 12:00:00");
    expect(wall(summary["Завершено"])).toBe("2026-11-03 13:00:00");
    expect(summary["Длительность (мин)"]).toBe(60);
    expect(summary["Тренер"]).toBe("Тренер Әлия");
    expect(summary["Язык"]).toBe("русский");
    expect(summary["Статус"]).toBe("завершено");
    expect(summary["Участники"]).toBe(2);
    expect(summary["Удалены тренером"]).toBe(1);
    expect(summary["Заметки"]).toBe(3);
    expect(summary["Видимые заметки"]).toBe(2);
    expect(summary["Скрытые или задержанные заметки"]).toBe(1);
    expect(summary["Эскизы"]).toBe(2);
    expect(summary["Контакты помощи показаны"]).toBe("нет");
    expect(summary["Время указано по поясу"]).toBe("Europe/Moscow");
  });

  it("lists attendance with groups, join and leave times and the profile answers, in Kazakh", async () => {
    const rows = (await workbook("kk")).byName["Қатысу"];
    expect(rows[0]).toEqual(["Аты", "Топ", "Кірген уақыты", "Шыққан уақыты", "Тренер шығарды", "Жасы", "Жынысы"]);
    expect(rows.slice(1).map((r) => r.map(wall))).toEqual([
      ["Айгерім", "Түлкі; Қасқыр", "2026-11-03 12:01:00", "2026-11-03 13:00:00", null, "16–17", "Әйел"],
      [`'=HYPERLINK("http://x","y")`, null, "2026-11-03 12:02:00", "2026-11-03 12:06:40", "иә", null, null],
      ["Bolat", "'@Сова", "2026-11-03 12:03:00", "2026-11-03 13:00:00", null, "Жауапсыз", "Жауапсыз"],
    ]);
  });

  it("lists notes with group, step title, votes as numbers and translated statuses, in Kazakh", async () => {
    const rows = (await workbook("kk")).byName["Жазбалар"];
    expect(rows[0]).toEqual(["Топ", "Қадам", "Мәтін", "Дауыстар", "Күйі", "Авторы", "Кластер", "Сүзгі белгіледі", "Жазылған уақыты", "Өзгертілген уақыты"]);
    expect(rows.slice(1).map((r) => r.map(wall))).toEqual([
      ["Түлкі; Қасқыр", "Идеялар", "Не верь лёгким деньгам, проверь договор", 3, "көрінеді", "Айгерім", null, null, "2026-11-03 12:05:05", null],
      ["Түлкі; Қасқыр", "Идеялар", "'-1 заработок", 0, "жасырылған", `'=HYPERLINK("http://x","y")`, null, null, "2026-11-03 12:05:06", null],
      ["'@Сова", "Идеялар", "тайна", 0, "көрінеді", "Жасырын", null, null, "2026-11-03 12:05:07", null],
    ]);
  });

  it("labels every sketch with its group, who drew it, its step and whether it is hidden", async () => {
    const ru = (await workbook("ru")).byName["Эскизы"];
    expect(ru).toEqual([
      ["Группа", "Нарисовал(а)", "Шаг", "Скрыт", "Готов", "Штрихи"],
      ["Түлкі; Қасқыр", "Айгерім", "Идеи", "нет", "нет", 1],
      ["'@Сова", "Общий холст группы", "Идеи", "да", "нет", 1],
    ]);
    const kk = (await workbook("kk")).byName["Эскиздер"];
    expect(kk[2]).toEqual(["'@Сова", "Топтың ортақ кенебі", "Идеялар", "иә", "жоқ", 1]);
  });

  it("has no cell that starts a formula, on any sheet", async () => {
    for (const locale of ["ru", "kk"] as const) {
      for (const { data } of (await workbook(locale)).sheets) {
        for (const row of data) for (const cell of row) if (typeof cell === "string") expect(cell).not.toMatch(FORMULA_START);
      }
    }
  });
});

describe("sketch file names", () => {
  it("keep Cyrillic and Kazakh letters whole and drop anything a path could use", () => {
    const { state } = session("kk");
    const mine = sketchFileName(state, state.sketches["p_p1_storm"]);
    expect(mine).toMatch(/^Айгерім_storm_[0-9a-f]{6}$/);
    expect(sketchFileName(state, state.sketches["g_g2_storm"])).toMatch(/^Сова_storm_[0-9a-f]{6}$/);
    expect(sketchFileName(state, state.sketches["g_g2_storm"]).slice(-6)).not.toBe(mine.slice(-6));
    const renamed = { ...state, participants: { p1: { id: "p1", nickname: "Алёна Йорк/../x", joinedAt: 0 } } };
    expect(sketchFileName(renamed, state.sketches["p_p1_storm"])).toBe(`Алёна-Йорк-x_storm_${mine.slice(-6)}`);
  });
});
