import type { Provider, ServiceCategory } from './catalogue.types.js';

/**
 * Search over the catalogue (issue 16 item 1), in memory: the catalogue is a few hundred
 * providers at most, read once per request or cached, so a scan is cheaper than an index.
 *
 * A provider is matched by its names in ru/kk/en, its legal name, its keywords and its category's
 * names. Text is folded (case, ё = е, the Kazakh letters to their Russian look-alikes), and the
 * query is also tried as if typed on the other keyboard layout (ЙЦУКЕН ↔ QWERTY: "ntktrjv" is
 * "телеком", "лсуд" is "kcel") and as a rough Latin transliteration ("кселл" ≈ "kcell").
 * A match at the start of the text ranks above one at the start of a word, above one inside a
 * word; the query as typed ranks above its layout and transliteration variants.
 */

/** A query is cut here: no name is longer than 80 characters. */
export const SEARCH_QUERY_LENGTH_MAX = 80;
export const SEARCH_RESULTS_MAX = 50;
/** Transliteration folds short queries into noise ("ка" ≈ half the catalogue): only from this length. */
const TRANSLITERATION_QUERY_LENGTH_MIN = 3;
/** One letter inside a word matches nearly every name: inside words, only from two. */
const SUBSTRING_QUERY_LENGTH_MIN = 2;

// Scores: where in the text the query matched.
const SCORE_WHOLE = 100;
const SCORE_PREFIX = 80;
const SCORE_WORD_PREFIX = 60;
const SCORE_SUBSTRING = 30;
// Penalties: how the query was read, and which text it matched (a name beats a keyword).
const PENALTY_BY_VARIANT = { typed: 0, layout: 5, transliterated: 10 } as const;
const PENALTY_BY_SOURCE = { name: 0, keyword: 2, legal: 4, category: 25 } as const;

type Variant = keyof typeof PENALTY_BY_VARIANT;
type Source = keyof typeof PENALTY_BY_SOURCE;

// Kazakh letters to the Russian letter customers type when the Kazakh layout is not at hand.
const KAZAKH_FOLD: Record<string, string> = { ә: 'а', і: 'и', ң: 'н', ғ: 'г', ү: 'у', ұ: 'у', қ: 'к', ө: 'о', һ: 'х', ё: 'е' };

// The same keys on the Russian ЙЦУКЕН and the Latin QWERTY layouts (PC, unshifted).
const QWERTY = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
const JCUKEN = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const LATIN_TO_CYRILLIC = new Map([...QWERTY].map((key, index) => [key, JCUKEN[index] ?? key]));
const CYRILLIC_TO_LATIN = new Map([...JCUKEN].map((key, index) => [key, QWERTY[index] ?? key]));

// A rough transliteration: enough for "кселл" to meet "kcell" and "онай" to meet "onay" once both
// go through latinSkeleton; it is not a romanisation standard.
const TRANSLITERATION: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sch',
  ъ: '',
  ы: 'i',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
};

/** Lower case, ё = е, Kazakh letters folded, one space between words. */
export function foldText(text: string): string {
  return [...text.normalize('NFC').toLowerCase()]
    .map((character) => KAZAKH_FOLD[character] ?? character)
    .join('')
    .replace(/[\s,;«»"“”„()]+/g, ' ')
    .trim();
}

/** What `text` would read as if the same keys were pressed on the other layout (per character). */
export function switchLayout(text: string, table: ReadonlyMap<string, string>): string {
  return [...text].map((character) => table.get(character) ?? character).join('');
}

/**
 * A Latin sound skeleton of folded text, Cyrillic or Latin: transliterated, then the spellings
 * that sound alike made one (c before e/i → s, else k; y → i; w → v; ph → f; kh → h; doubles single).
 */
export function latinSkeleton(folded: string): string {
  const latin = [...folded].map((character) => TRANSLITERATION[character] ?? character).join('');
  return latin
    .replace(/ph/g, 'f')
    .replace(/kh/g, 'h')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/c/g, 'k')
    .replace(/q/g, 'k')
    .replace(/y/g, 'i')
    .replace(/w/g, 'v')
    .replace(/(.)\1+/g, '$1');
}

// A word starts after a space, a hyphen or a slash ("Телеком-Сервис", "Tele2 / Altel").
const WORD_SEPARATORS = [' ', '-', '/'];

/** Where `query` occurs in `text` (both folded the same way), as a score, or 0. */
function placeScore(text: string, query: string): number {
  if (text === query) return SCORE_WHOLE;
  if (text.startsWith(query)) return SCORE_PREFIX;
  if (WORD_SEPARATORS.some((separator) => text.includes(`${separator}${query}`))) return SCORE_WORD_PREFIX;
  // "теле 2" typed for "теле2" (and the reverse): spaces left out are still a prefix.
  const compactText = text.replace(/ /g, '');
  const compactQuery = query.replace(/ /g, '');
  if (compactText.startsWith(compactQuery)) return SCORE_PREFIX - 1;
  return compactQuery.length >= SUBSTRING_QUERY_LENGTH_MIN && compactText.includes(compactQuery) ? SCORE_SUBSTRING : 0;
}

interface QueryForm {
  variant: Variant;
  text: string;
  skeleton: boolean;
}

/** The readings of a query worth trying: as typed, on the other layout, and its skeleton. */
function queryForms(query: string): QueryForm[] {
  const typed = foldText(query.slice(0, SEARCH_QUERY_LENGTH_MAX));
  if (typed === '') return [];
  const forms: QueryForm[] = [{ variant: 'typed', text: typed, skeleton: false }];
  if (/[a-z]/.test(typed)) forms.push({ variant: 'layout', text: foldText(switchLayout(typed, LATIN_TO_CYRILLIC)), skeleton: false });
  if (/[а-я]/.test(typed)) forms.push({ variant: 'layout', text: foldText(switchLayout(typed, CYRILLIC_TO_LATIN)), skeleton: false });
  if ([...typed].length >= TRANSLITERATION_QUERY_LENGTH_MIN)
    forms.push({ variant: 'transliterated', text: latinSkeleton(typed), skeleton: true });
  return forms.filter((form) => form.text !== '');
}

interface Haystack {
  source: Source;
  text: string;
  skeleton: string;
}

function haystack(source: Source, raw: string): Haystack {
  const text = foldText(raw);
  return { source, text, skeleton: latinSkeleton(text) };
}

/** Keywords are one text of phrases separated by commas or semicolons ("актив, activ; алтел"). */
function providerHaystacks(provider: Provider, categoryNames: readonly string[]): Haystack[] {
  return [
    haystack('name', provider.name.ru),
    haystack('name', provider.name.kk),
    haystack('name', provider.name.en),
    ...provider.keywords.split(/[,;]/).map((keyword) => haystack('keyword', keyword)),
    haystack('legal', provider.legalName),
    ...categoryNames.map((name) => haystack('category', name)),
  ].filter((entry) => entry.text !== '');
}

function providerScore(haystacks: readonly Haystack[], forms: readonly QueryForm[]): number {
  let best = 0;
  for (const form of forms) {
    for (const entry of haystacks) {
      const place = placeScore(form.skeleton ? entry.skeleton : entry.text, form.text);
      if (place === 0) continue;
      best = Math.max(best, place - PENALTY_BY_VARIANT[form.variant] - PENALTY_BY_SOURCE[entry.source]);
    }
  }
  return best;
}

/**
 * The providers matching `query`, best first (then by the catalogue's position and the Russian
 * name), at most `limit`. An empty query finds nothing: the catalogue's sections list everything.
 */
export function searchProviders(
  providers: readonly Provider[],
  categories: readonly ServiceCategory[],
  query: string,
  limit: number,
): Provider[] {
  const forms = queryForms(query);
  if (forms.length === 0) return [];
  const resultsMax = Math.max(1, Math.min(SEARCH_RESULTS_MAX, Math.floor(limit)));
  const categoryNames = new Map(categories.map((category) => [category.id, [category.name.ru, category.name.kk, category.name.en]]));
  const scored = providers
    .map((provider) => ({
      provider,
      score: providerScore(providerHaystacks(provider, categoryNames.get(provider.categoryId) ?? []), forms),
    }))
    .filter((entry) => entry.score > 0);
  scored.sort(
    (left, right) =>
      right.score - left.score ||
      left.provider.position - right.provider.position ||
      left.provider.name.ru.localeCompare(right.provider.name.ru, 'ru'),
  );
  return scored.slice(0, resultsMax).map((entry) => entry.provider);
}
