import crypto from "node:crypto";
import readExcelFile from "read-excel-file/node";
import { GET as exportRoute } from "@/app/api/sessions/[sessionId]/export/route";
import type { Locale } from "@/lib/domain/locales";
import { sketchIdFor } from "@/lib/domain/sketch";
import { AUTH_COOKIE } from "@/lib/server/accounts/tokens";
import { sealScreenKey } from "@/lib/server/accounts/tokens";
import { cid, send, startTestServer, type TestServer } from "../support/test-server";

/**
 * The export route as a browser calls it (the real handler, a Request with the
 * sign-in cookie), after a real session in Russian or Kazakh: the default plan,
 * phones in two groups, notes and a sketch sent over socket.io.
 */
let t: TestServer;
let organiser: { id: string; cookie: string };
beforeAll(async () => {
  t = await startTestServer();
  organiser = await t.account("organiser");
});
afterAll(async () => {
  await t.close();
});

type Cell = string | number | boolean | Date | null;

async function workshop(language: Locale) {
  const trainer = await t.account("trainer");
  const c = await t.connect({ cookie: trainer.cookie });
  const created = await send(c, "session:create", { id: cid(), title: `Семинар ${language}`, language, planId: "trafficking-prevention" });
  if (!created.ok) throw new Error(created.error.code);
  const sessionId = created.sessionId as string;
  await send(c, "session:watch", { id: cid(), sessionId, lastSeq: 0 });
  const phones: { socket: Awaited<ReturnType<TestServer["connect"]>>; id: string; token: string }[] = [];
  for (const nickname of ["Айгерім", "Болат", "=1+1", "Дана"]) {
    const socket = await t.connect();
    const ack = await send(socket, "participant:join", { id: cid(), code: created.code, nickname });
    if (!ack.ok) throw new Error(ack.error.code);
    phones.push({ socket, id: ack.participantId, token: ack.token });
  }
  expect((await send(c, "groups:form", { id: cid(), sessionId, by: "count", n: 2 })).ok).toBe(true);
  const plan = (await t.server.services.plans.get("trafficking-prevention"))!.plan;
  const storm = plan.steps.findIndex((s) => s.kind === "brainstorm");
  const sketch = plan.steps.findIndex((s) => s.kind === "sketch");
  expect((await send(c, "agenda:goto", { id: cid(), sessionId, index: storm })).ok).toBe(true);
  const texts = ["Не верь лёгким деньгам", "Қауіпсіздік бірінші", "@SUM(A1)", "Проверь договор; копию паспорта оставь дома"];
  for (const [i, phone] of phones.entries()) expect((await send(phone.socket, "note:add", { id: cid(), noteId: crypto.randomUUID(), text: texts[i] })).ok).toBe(true);
  expect((await send(c, "agenda:goto", { id: cid(), sessionId, index: sketch })).ok).toBe(true);
  expect((await send(c, "sketch:configure", { id: cid(), sessionId, mode: "individual" })).ok).toBe(true);
  const sketchId = sketchIdFor("individual", phones[0].id, null, plan.steps[sketch].id);
  const stroke = { id: "stroke-it-0001", colour: "#111827", width: 6, tool: "pen", points: [10, 10, 50, 300, 300, 50] };
  const drew = await send(phones[0].socket, "stroke:commit", { id: cid(), sketchId, stroke });
  expect(drew.ok).toBe(true);
  expect((await send(c, "session:end", { id: cid(), sessionId })).ok).toBe(true);
  return { sessionId, trainer, phones, texts, plan, stormTitle: plan.steps[storm].title[language as "ru"]! };
}

function get(sessionId: string, query: string, headers: Record<string, string> = {}) {
  return exportRoute(new Request(`http://127.0.0.1/api/sessions/${sessionId}/export?${query}`, { headers }), { params: Promise.resolve({ sessionId }) });
}

describe("GET /api/sessions/:id/export", () => {
  let ru: Awaited<ReturnType<typeof workshop>>;
  let kk: Awaited<ReturnType<typeof workshop>>;
  beforeAll(async () => {
    ru = await workshop("ru");
    kk = await workshop("kk");
  });

  it("gives a signed-in organiser the Russian session's report as an XLSX workbook in Russian", async () => {
    const res = await get(ru.sessionId, "format=xlsx", { cookie: organiser.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="ortaq-[A-Z2-9]{6}-\d{4}-\d\d-\d\d\.xlsx"$/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(body.length);
    const sheets = (await readExcelFile(body)) as unknown as { sheet: string; data: Cell[][] }[];
    // The report's own sheets, then the plan's polls, knowledge check and indicators (the default plan asks them).
    expect(sheets.map((s) => s.sheet)).toEqual(["Сводка", "Посещаемость", "Заметки", "Эскизы", "Показатели", "Проверка знаний", "Отзывы", "Опросы и викторины"]);
    const [summary, attendance, notes, sketches] = sheets.map((s) => s.data);
    const field = Object.fromEntries(summary.slice(1));
    expect(field["Занятие"]).toBe("Семинар ru");
    expect(field["План"]).toBe(ru.plan.title.ru);
    expect(field["Дата"]).toBeInstanceOf(Date);
    expect(field["Участники"]).toBe(4);
    expect(field["Заметки"]).toBe(4);
    expect(field["Эскизы"]).toBe(1);
    expect(attendance[0].slice(0, 4)).toEqual(["Имя", "Группа", "Время входа", "Время выхода"]);
    expect(attendance.slice(1).map((r) => r[0])).toEqual(["Айгерім", "Болат", "'=1+1", "Дана"]);
    expect(attendance.slice(1).every((r) => r[2] instanceof Date && r[3] instanceof Date)).toBe(true);
    expect(notes[0]).toEqual(["Группа", "Шаг", "Текст", "Голоса", "Статус", "Автор", "Кластер", "Отмечена фильтром", "Создана", "Изменена"]);
    expect(notes.slice(1).map((r) => r[2]).sort()).toEqual([...ru.texts.map((x) => (x.startsWith("@") ? `'${x}` : x))].sort());
    expect(new Set(notes.slice(1).map((r) => r[1]))).toEqual(new Set([ru.stormTitle]));
    expect(new Set(notes.slice(1).map((r) => r[4]))).toEqual(new Set(["видна"]));
    expect(sketches[1].slice(0, 2)).toEqual([attendance[1][1], "Айгерім"]);
  });

  it("writes the Kazakh session's workbook in Kazakh", async () => {
    const res = await get(kk.sessionId, "format=xlsx", { cookie: organiser.cookie });
    const sheets = (await readExcelFile(Buffer.from(await res.arrayBuffer()))) as unknown as { sheet: string; data: Cell[][] }[];
    expect(sheets.map((s) => s.sheet)).toEqual(["Жиынтық", "Қатысу", "Жазбалар", "Эскиздер", "Көрсеткіштер", "Білімді тексеру", "Пікірлер", "Сауалнамалар мен викториналар"]);
    expect(sheets[2].data[0].slice(0, 5)).toEqual(["Топ", "Қадам", "Мәтін", "Дауыстар", "Күйі"]);
    expect(new Set(sheets[2].data.slice(1).map((r) => r[4]))).toEqual(new Set(["көрінеді"]));
  });

  it("splits the CSV on ';' for a Russian session, on ',' when asked, and translates it", async () => {
    const res = await get(ru.sessionId, "format=csv", { cookie: organiser.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const csv = bytes.toString("utf8").slice(1);
    expect(csv.split("\n")[0]).toBe("Группа;Кластер;Автор;Текст;Голоса;Статус;Отмечена фильтром;Шаг;Создана;Изменена");
    expect(csv).toContain(`;"Проверь договор; копию паспорта оставь дома";0;видна;;${ru.stormTitle};`);
    // Buffer, not Response.text(): text() drops the byte-order mark.
    const text = async (res: Response) => Buffer.from(await res.arrayBuffer()).toString("utf8");
    const comma = (await text(await get(ru.sessionId, "format=csv&sep=comma", { cookie: organiser.cookie }))).slice(1);
    expect(comma.split("\n")[0]).toBe("Группа,Кластер,Автор,Текст,Голоса,Статус,Отмечена фильтром,Шаг,Создана,Изменена");
    const semicolon = await text(await get(ru.sessionId, `format=csv&sep=${encodeURIComponent(";")}`, { cookie: organiser.cookie }));
    expect(semicolon).toBe(bytes.toString("utf8"));
  });

  it("refuses an unknown format or separator", async () => {
    expect((await get(ru.sessionId, "format=xls", { cookie: organiser.cookie })).status).toBe(400);
    expect((await get(ru.sessionId, "format=csv&sep=pipe", { cookie: organiser.cookie })).status).toBe(400);
  });

  it("gives the session's own trainer the workbook too", async () => {
    expect((await get(ru.sessionId, "format=xlsx", { cookie: ru.trainer.cookie })).status).toBe(200);
  });

  it("gives another trainer, a phone, the projector and anyone without a cookie nothing", async () => {
    const other = await t.account("trainer");
    const key = await sealScreenKey(ru.sessionId, t.server.services.secret);
    for (const format of ["xlsx", "csv", "pdf", "json"]) {
      const notFound = await get(ru.sessionId, `format=${format}`, { cookie: other.cookie });
      expect(notFound.status).toBe(404);
      expect(await notFound.json()).toEqual({ ok: false, error: expect.objectContaining({ code: "SESSION_NOT_FOUND" }) });
      expect((await get(ru.sessionId, `format=${format}`)).status).toBe(401);
      expect((await get(ru.sessionId, `format=${format}`, { "x-participant-token": ru.phones[0].token, cookie: `ortaq_participant=${ru.phones[0].token}` })).status).toBe(401);
      expect((await get(ru.sessionId, `format=${format}`, { "x-screen-key": key })).status).toBe(401);
      expect((await get(ru.sessionId, `format=${format}`, { cookie: `${AUTH_COOKIE}=forged` })).status).toBe(401);
    }
  });

  it("stops working for an organiser who signed out", async () => {
    const leaving = await t.account("organiser");
    expect((await get(ru.sessionId, "format=xlsx", { cookie: leaving.cookie })).status).toBe(200);
    await t.server.services.users.revokeSessions(leaving.id);
    expect((await get(ru.sessionId, "format=xlsx", { cookie: leaving.cookie })).status).toBe(401);
  });
});
