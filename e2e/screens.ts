import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_BANK_TIME_ZONE } from '../apps/server/src/shared/datetime.js';
import { ARTIFACTS_DIR, screenshotPath, writeReport } from './artifacts.js';
import { type Journeys, startJourneys } from './harness.js';
import { type Check, findLeaks, type Language, type Leak, type LeakRules, leakRules, problemTexts, serverEnglishShown } from './leaks.js';
import { measureOverflow, navigationMisfits, type ShownText, shownTexts } from './probes.js';
import { tourEveryScreen } from './tour.js';
import { nextFrame } from './tour-page.js';

/**
 * Issue 12, "Tests that must exist": the translation crawl and the layout of every screen, in one
 * walk per language (tour.ts: one login, one page). On each screen: every text shown or read
 * aloud is checked against the catalogues and for ids and enum values; the page is measured at
 * 390 px (nothing wider than the phone) and at 1280 px (the navigation fits), and photographed at
 * both widths (artifacts.ts). The texts the server writes (in-app notices, statements, a receipt)
 * are fetched in the same language and checked the same way. Each language is a test file of its
 * own, so the three walks run side by side.
 */

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const STATEMENT_DAYS = 30;
/** The screens of tour.ts a customer always has (the optional profile and "More" come on top). */
const SCREENS_MIN = 36;

/** The same misfit on many screens (the navigation is on all of them) is one finding, with its screens. */
class ScreensByFinding {
  readonly #screens = new Map<string, string[]>();
  add(finding: string, screen: string): void {
    const screens = this.#screens.get(finding) ?? [];
    if (!screens.includes(screen)) screens.push(screen);
    this.#screens.set(finding, screens);
  }
  list(): string[] {
    return [...this.#screens].map(([finding, screens]) =>
      screens.length === 1 ? `${screens[0]}: ${finding}` : `${finding} (${screens.length} screens: ${screens.join(', ')})`,
    );
  }
}

interface Findings {
  walk: string[];
  screens: string[];
  words: string[];
  tokens: string[];
  server: string[];
  overflow: ScreensByFinding;
  navigation: ScreensByFinding;
  /** Texts cut with an ellipsis: reported for the lead, not failed (a long payee name may be cut by design). */
  truncated: ScreensByFinding;
  shots: string[];
}

const WORD_CHECKS: readonly Check[] = ['english-catalogue', 'english-words', 'server-english'];

function formatLeak(screen: string, path: string, leak: Leak): string {
  return `${screen} (${path}) [${leak.check}] "${leak.text}" at ${leak.where}: ${leak.detail}`;
}

/** The texts between the tags of an HTML document, styles and scripts left out. */
function htmlTexts(html: string): ShownText[] {
  const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .split(/<[^>]+>/)
    .map((text) =>
      text
        .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => entities[name] ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter((text) => text !== '')
    .map((text) => ({ text, where: 'receipt' }));
}

function bankDate(date: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DEFAULT_BANK_TIME_ZONE }).format(date);
}

/** What the server wrote for the customer in this language: notices, statements (CSV), a receipt (HTML). */
async function serverTexts(page: Page, baseUrl: string, language: Language, receiptOperationId: string | undefined) {
  const sources: [string, ShownText[]][] = [];
  const notices = (await (await page.request.get(`${baseUrl}/api/v1/notifications`)).json()) as {
    items: { title: string; body: string }[];
  };
  sources.push([
    'GET /api/v1/notifications',
    notices.items.flatMap(({ title, body }) => [title, body].map((text) => ({ text, where: 'notice' }))),
  ]);
  const { items } = (await (await page.request.get(`${baseUrl}/api/v1/accounts`)).json()) as { items: { id: string; kind: string }[] };
  const to = bankDate(new Date());
  const from = bankDate(new Date(Date.now() - STATEMENT_DAYS * 86_400_000));
  for (const account of items) {
    const url = `${baseUrl}/api/v1/accounts/${account.id}/statement?from=${from}&to=${to}&format=csv&lang=${language}`;
    const response = await page.request.get(url);
    if (!response.ok()) throw new Error(`the statement of an account answered ${response.status()}`);
    const lines = (await response.text()).split(/\r?\n/).filter((line) => line.trim() !== '');
    sources.push([`statement CSV (${account.kind} account)`, lines.map((text) => ({ text, where: 'statement.csv' }))]);
  }
  if (receiptOperationId) {
    const response = await page.request.get(`${baseUrl}/api/v1/operations/${receiptOperationId}/receipt?format=html&lang=${language}`);
    if (!response.ok()) throw new Error(`the receipt answered ${response.status()}`);
    sources.push(['receipt HTML (phone transfer)', htmlTexts(await response.text())]);
  }
  return sources;
}

/** Measures the screen at one width and photographs it. */
async function layoutAt(page: Page, language: Language, screen: string, size: typeof PHONE, findings: Findings): Promise<void> {
  await page.setViewportSize(size);
  await nextFrame(page);
  const overflow = await page.evaluate(measureOverflow);
  if (overflow.scrollWidth > overflow.innerWidth) {
    findings.overflow.add(`at ${size.width} px the page is ${overflow.scrollWidth} px wide`, screen);
  }
  for (const offender of overflow.offenders) findings.overflow.add(`at ${size.width} px ${offender}`, screen);
  for (const text of overflow.truncated) findings.truncated.add(`at ${size.width} px ${text}`, screen);
  if (size.width === DESKTOP.width) {
    for (const misfit of await page.evaluate(navigationMisfits)) findings.navigation.add(misfit, screen);
  }
  const path = screenshotPath(language, size.width, screen);
  // From the top: a focused field scrolls the page, and a sticky bar would be drawn mid-picture.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path, fullPage: true });
  findings.shots.push(path);
}

async function walkEveryScreen(e2e: Journeys, language: Language): Promise<Findings> {
  const { baseUrl } = e2e.kassa;
  // This run's pictures only: a screen renamed or gone leaves no old one behind.
  await rm(`${ARTIFACTS_DIR}/screens/${language}`, { recursive: true, force: true });
  const rules: LeakRules = await leakRules(language);
  const findings: Findings = {
    walk: [],
    screens: [],
    words: [],
    tokens: [],
    server: [],
    overflow: new ScreensByFinding(),
    navigation: new ScreensByFinding(),
    truncated: new ScreensByFinding(),
    shots: [],
  };
  const answered: string[] = [];
  const tour = await tourEveryScreen(e2e, {
    language,
    notFoundTitle: rules.texts.get('notFound.title') ?? '',
    onPage: (page) => {
      // The server's problem texts, to catch one shown in English on a Russian or Kazakh screen.
      page.on('response', (response) => {
        if (!(response.headers()['content-type'] ?? '').includes('problem+json')) return;
        void response
          .json()
          .then((body: unknown) => answered.push(...problemTexts(body)))
          .catch(() => undefined);
      });
    },
    visit: async (page, screen) => {
      const texts = await page.evaluate(shownTexts);
      const path = new URL(page.url()).pathname.replace(/(op|acc)_[0-9a-f]+/, ':id');
      for (const leak of [...findLeaks(texts, rules), ...serverEnglishShown(answered, texts, rules)]) {
        (WORD_CHECKS.includes(leak.check) ? findings.words : findings.tokens).push(formatLeak(screen, path, leak));
      }
      await layoutAt(page, language, screen, PHONE, findings);
      await layoutAt(page, language, screen, DESKTOP, findings);
      await page.setViewportSize(PHONE);
    },
  });
  try {
    if (tour.screens.includes('home')) {
      for (const [source, texts] of await serverTexts(tour.page, baseUrl, language, tour.operationIds[1])) {
        for (const leak of findLeaks(texts, rules)) findings.server.push(formatLeak('server', source, leak));
      }
    }
  } catch (error) {
    findings.walk.push(`server texts: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await tour.context.close();
  }
  findings.walk.push(...tour.problems);
  findings.screens = tour.screens;
  for (const key of ['words', 'tokens', 'server'] as const) findings[key] = [...new Set(findings[key])];
  return findings;
}

/** The walk and its tests for one language; call once at the top of a test file. */
export function describeEveryScreen(language: Language): void {
  const e2e = startJourneys();
  let findings: Findings | undefined;
  const found = (): Findings => {
    if (!findings) throw new Error('the walk did not run');
    return findings;
  };

  describe(`every screen in ${language}`, () => {
    beforeAll(async () => {
      findings = await walkEveryScreen(e2e, language);
      const { walk, words, tokens, server, overflow, navigation, truncated } = findings;
      const report = await writeReport(`screens-${language}`, [
        ...walk.map((line) => `walk: ${line}`),
        ...[...words, ...tokens, ...server].map((line) => `words: ${line}`),
        ...[...overflow.list(), ...navigation.list()].map((line) => `layout: ${line}`),
        ...truncated.list().map((line) => `note, cut with an ellipsis: ${line}`),
      ]);
      console.log(
        `${language}: ${findings.screens.length} screens; findings in ${report}; screenshots in ${ARTIFACTS_DIR}/screens/${language}`,
      );
    }, 420_000);

    test('the walk reaches every screen', () => {
      expect(found().walk).toEqual([]);
      expect(found().screens.length).toBeGreaterThanOrEqual(SCREENS_MIN);
    });

    if (language !== 'en') {
      test('no screen shows a text of the English catalogue, English words or an English error from the server', () => {
        expect(found().words).toEqual([]);
      });
    }

    test('no screen shows a raw id (acc_, op_, cus_…), an enum value or an i18n key', () => {
      expect(found().tokens).toEqual([]);
    });

    test('the notices, statements and receipt the server writes are in the language, without ids or enum values', () => {
      expect(found().server).toEqual([]);
    });

    test('no screen is wider than the viewport at 390 px or at 1280 px', () => {
      expect(found().overflow.list()).toEqual([]);
    });

    test('at 1280 px the navigation fits: no label cut or wrapped', () => {
      expect(found().navigation.list()).toEqual([]);
    });

    test('a screenshot of every screen at 390 and 1280 px is kept', () => {
      expect(found().shots.length).toBe(found().screens.length * 2);
      expect(found().shots.filter((path) => !existsSync(path))).toEqual([]);
    });
  });
}
