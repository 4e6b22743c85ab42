/**
 * What the results feed sends (lib/domain/poll-results.ts): tallies and,
 * for open questions, the word cloud made by the brainstorm's tokeniser in
 * English, Russian and Kazakh, without answers the trainer hid.
 */
import type { CommandActor, SessionCommand } from "@/lib/domain/decision";
import type { Locale } from "@/lib/domain/locales";
import { pollResults } from "@/lib/domain/poll-results";
import { ctx } from "./ctx";
import { POLL_PLAN, POLL_STEP } from "./support/poll-fixtures";
import { History, createdBody, joinedBody, gotoBody, phone, trainer } from "./support/session-fixtures";

const ids = ctx(5000);
const run = (h: History, c: SessionCommand, a: CommandActor) => h.run(c, a, ids);

function openAnswers(locale: Locale, texts: string[]): History {
  const created = createdBody(POLL_PLAN);
  let h = History.of({ ...created, payload: { ...created.payload, language: locale } }, ...texts.map((_, i) => joinedBody(`p${i + 1}`)), gotoBody(POLL_STEP.vote));
  h = run(h, { type: "poll:open", key: "vote:word" }, trainer);
  texts.forEach((text, i) => (h = run(h, { type: "poll:answer", key: "vote:word", choice: [], text }, phone(`p${i + 1}`))));
  return h;
}

describe("open answers as a word cloud, in three languages", () => {
  it.each<[string, Locale, string[], Record<string, number>]>([
    ["en: case folded, stop words out", "en", ["Trust your FRIENDS", "friends and family", "Family first"], { friends: 2, family: 2, trust: 1, first: 1 }],
    ["ru: word forms case-folded, ё as е", "ru", ["ДРУЗЬЯ и семья", "Друзья рядом", "Семья, ещё раз семья"], { друзья: 2, семья: 2, рядом: 1 }],
    ["kk: Kazakh letters kept whole (қауіпсіздік)", "kk", ["Қауіпсіздік және сенім", "ҚАУІПСІЗДІК бірінші", "сенім"], { қауіпсіздік: 2, сенім: 2, бірінші: 1 }],
    ["a Russian answer in a Kazakh session keeps its stop words out", "kk", ["Это важно: безопасность", "безопасность"], { безопасность: 2, важно: 1 }],
  ])("%s", (_name, locale, texts, words) => {
    const h = openAnswers(locale, texts);
    const r = pollResults(h.state, "vote:word", "screen");
    expect(Object.fromEntries(r.words.map((w) => [w.word, w.count]))).toEqual(words);
    expect(r.texts.map((x) => x.text)).toEqual([...texts].reverse());
  });

  it("leaves out an answer the trainer hid, from the cloud and the list", () => {
    let h = openAnswers("en", ["Trust friends", "Stupid idiots"]);
    const rude = h.state.polls.questions["vote:word"].answers.p2.answerId;
    h = run(h, { type: "poll:hide-answer", key: "vote:word", answerId: rude, hidden: true }, trainer);
    const r = pollResults(h.state, "vote:word", "screen");
    expect(r.words.map((w) => w.word)).toEqual(["friends", "trust"]);
    expect(r.texts.map((x) => x.text)).toEqual(["Trust friends"]);
  });
});

describe("results for the projector and for phones", () => {
  let h = History.of(createdBody(POLL_PLAN), joinedBody("p1"), joinedBody("p2"), gotoBody(POLL_STEP.vote));
  h = run(h, { type: "poll:open", key: "vote:pick" }, trainer);
  h = run(h, { type: "poll:answer", key: "vote:pick", choice: [2] }, phone("p1"));
  const phonesOn = run(h, { type: "poll:show", key: "vote:pick", phones: true }, trainer);
  const screenOff = run(h, { type: "poll:show", key: "vote:pick", screen: false }, trainer);

  it.each<[string, History, "screen" | "phones", { shown: boolean; total: number; counts: number[] }]>([
    ["the projector, from the start", h, "screen", { shown: true, total: 1, counts: [0, 0, 1] }],
    ["phones, until the trainer shows them: nothing", h, "phones", { shown: false, total: 0, counts: [] }],
    ["phones, once shown", phonesOn, "phones", { shown: true, total: 1, counts: [0, 0, 1] }],
    ["the projector, hidden: how many answered only", screenOff, "screen", { shown: false, total: 1, counts: [] }],
    ["a question never opened", h, "screen", { shown: false, total: 0, counts: [] }],
  ])("%s", (name, given, audience, want) => {
    const r = pollResults(given.state, name.includes("never") ? "vote:many" : "vote:pick", audience);
    expect({ shown: r.shown, total: r.total, counts: r.counts }).toEqual(want);
  });
});
