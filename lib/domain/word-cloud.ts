import type { Locale } from "./locales";

/**
 * Words for the projector's word cloud: notes cut into words, common words
 * ("and", "и", "және") left out. Plain functions, the same on any device.
 */

/** Short, common words in each language that say nothing about a note's idea. */
export const STOP_WORDS: Record<Locale, readonly string[]> = {
  en: [
    "the", "and", "for", "are", "but", "not", "you", "your", "yours", "all", "any", "can", "her", "hers", "his", "him", "one", "our", "ours", "out", "was", "were",
    "has", "have", "had", "that", "this", "these", "those", "with", "from", "they", "them", "their", "there", "then", "than", "what", "when", "where", "which",
    "who", "whom", "why", "how", "will", "would", "should", "could", "about", "into", "onto", "over", "under", "just", "also", "very", "more", "most", "some",
    "such", "only", "own", "same", "too", "its", "it's", "let", "lets", "let's", "we're", "they're", "you're", "i'm", "don't", "doesn't", "didn't", "isn't",
    "aren't", "can't", "won't", "been", "being", "does", "did", "doing", "each", "other", "both", "few", "off", "once", "here", "she", "because", "while",
    "again", "further", "before", "after", "above", "below", "between", "through", "during", "until", "against", "get", "got", "make", "made", "way", "yes",
    "may", "might", "must", "shall", "ourselves", "yourself", "yourselves", "themselves", "himself", "herself", "itself", "myself", "many", "much", "lot", "lots",
    "really", "like", "use", "using", "need", "needs",
  ],
  ru: [
    "и", "в", "во", "не", "что", "он", "на", "я", "с", "со", "как", "а", "то", "все", "всё", "она", "так", "его", "но", "да", "ты", "к", "у", "же", "вы", "за",
    "бы", "по", "только", "ее", "её", "мне", "было", "вот", "от", "меня", "еще", "ещё", "нет", "о", "из", "ему", "теперь", "когда", "даже", "ну", "вдруг", "ли",
    "если", "уже", "или", "ни", "быть", "был", "него", "до", "вас", "нибудь", "опять", "уж", "вам", "ведь", "там", "потом", "себя", "ничего", "ей", "может",
    "они", "тут", "где", "есть", "надо", "ней", "для", "мы", "тебя", "их", "чем", "была", "сам", "чтоб", "чтобы", "без", "будто", "чего", "раз", "тоже",
    "себе", "под", "будет", "тогда", "кто", "этот", "этого", "этой", "эти", "это", "эту", "этим", "этих", "того", "потому", "какой", "какая", "какие",
    "совсем", "ним", "здесь", "том", "один", "почти", "мой", "моя", "мои", "тем", "сейчас", "были", "куда", "зачем", "всех", "никогда", "можно", "при",
    "наконец", "два", "об", "другой", "хоть", "после", "над", "больше", "тот", "через", "нас", "про", "всего", "них", "много", "разве", "три", "впрочем",
    "хорошо", "свою", "свой", "своих", "свои", "своей", "перед", "иногда", "лучше", "чуть", "нельзя", "такой", "им", "более", "всегда", "конечно", "всю",
    "между", "очень", "нужно", "наш", "наши", "нашей", "ваш", "ваши", "также", "который", "которые", "которая", "которое",
  ],
  kk: [
    "және", "мен", "бен", "пен", "да", "де", "та", "те", "бұл", "осы", "сол", "ол", "олар", "біз", "сіз", "сен", "мұнда", "онда", "үшін", "туралы",
    "бойынша", "арқылы", "сияқты", "немесе", "бірақ", "әлде", "не", "ма", "ме", "ба", "бе", "па", "пе", "ғой", "қой", "ғана", "қана", "тек", "әр", "бар",
    "жоқ", "емес", "еді", "екен", "болу", "болып", "болады", "болса", "бір", "бірі", "барлық", "барлығы", "өз", "өзі", "өзінің", "оның", "олардың", "біздің",
    "сіздің", "менің", "сенің", "оған", "оны", "бізге", "сізге", "маған", "саған", "кейін", "дейін", "соң", "шейін", "қарай", "гөрі", "сондай", "осындай",
    "қандай", "қалай", "қашан", "қайда", "кім", "нені", "неге", "неліктен", "әрі", "яғни", "тағы", "енді", "әлі", "өте", "көп", "аз", "керек", "мүмкін",
    "ешқашан", "әрқашан", "бәрі", "бәрін", "жəне",
  ],
};

/** Every language's stop words at once: a Russian note in a Kazakh session is common. Folded as words are. */
const STOP = new Set(Object.values(STOP_WORDS).flat().map((w) => w.replace(/ё/g, "е")));

/** Words shorter than this (in letters) are left out: "ok", "of", "ол". */
export const MIN_WORD_LENGTH = 3;

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/giu;
const EMAIL_RE = /\S+@\S+\.\S+/gu;
/**
 * A word: letters (any script, so ә ғ қ ң ө ұ ү һ і stay whole) with the marks
 * that belong to them, joined by inner hyphens or apostrophes ("кое-кто",
 * "don't"). Digits and punctuation split words and are dropped.
 */
const WORD_RE = /\p{L}[\p{L}\p{M}]*(?:['’\-‐][\p{L}\p{M}]+)*/gu;

/** The words of one text, case-folded in its language, without stop words, short words, digits and links. */
export function tokenize(text: string, locale: Locale): string[] {
  const clean = text.normalize("NFC").replace(URL_RE, " ").replace(EMAIL_RE, " ");
  const out: string[] = [];
  for (const m of clean.matchAll(WORD_RE)) {
    const word = m[0].replace(/’/g, "'").replace(/‐/g, "-").toLocaleLowerCase(locale).replace(/ё/g, "е");
    if ([...word.replace(/['-]/g, "")].length < MIN_WORD_LENGTH) continue;
    if (STOP.has(word)) continue;
    out.push(word);
  }
  return out;
}

export interface CloudWord {
  word: string;
  /** How many notes use the word (a note repeating it counts once). */
  count: number;
}

/** Words across texts, most used first (ties alphabetically), at most `limit`. */
export function countWords(texts: readonly string[], locale: Locale, limit = 80): CloudWord[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of new Set(tokenize(text, locale))) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, locale))
    .slice(0, limit);
}
