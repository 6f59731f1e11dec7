/**
 * Functions that run inside the page (page.evaluate serialises them): what a screen shows and how
 * it is laid out. They may use nothing from this module's scope. The e2e code is typechecked without
 * the DOM library (apps/server/tsconfig.json), so the little of the DOM they use is declared here,
 * local to this module.
 */

interface ProbeRect {
  left: number;
  right: number;
  top: number;
  width: number;
  height: number;
}
interface ProbeElement {
  tagName: string;
  id: string;
  classList: { readonly length: number; item(index: number): string | null };
  parentElement: ProbeElement | null;
  scrollWidth: number;
  clientWidth: number;
  textContent: string | null;
  getAttribute(name: string): string | null;
  closest(selector: string): ProbeElement | null;
  checkVisibility(options?: { visibilityProperty?: boolean; opacityProperty?: boolean }): boolean;
  getBoundingClientRect(): ProbeRect;
  querySelectorAll(selector: string): Iterable<ProbeElement>;
}
interface ProbeText {
  nodeValue: string | null;
  parentElement: ProbeElement | null;
}
interface ProbeDocument {
  title: string;
  body: ProbeElement;
  documentElement: ProbeElement;
  createTreeWalker(root: ProbeElement, whatToShow: number): { nextNode(): ProbeText | null };
  createRange(): { selectNodeContents(node: ProbeText): void; getClientRects(): Iterable<ProbeRect> };
}
declare const document: ProbeDocument;
declare const window: { innerWidth: number; getComputedStyle(element: ProbeElement): { overflowX: string; textOverflow: string } };

/** A text the customer sees or hears, and where it is on the page (a short CSS path). */
export interface ShownText {
  text: string;
  where: string;
}

/**
 * Every visible text node (screen-reader-only texts included: they are read aloud), the texts of
 * the attributes a customer sees or hears (aria-label, title, placeholder, alt) and the page title.
 */
export function shownTexts(): ShownText[] {
  const SHOW_TEXT = 4;
  const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
  const ATTRIBUTES = ['aria-label', 'aria-description', 'title', 'placeholder', 'alt'];
  const path = (element: ProbeElement): string => {
    const parts: string[] = [];
    for (let at: ProbeElement | null = element; at && parts.length < 3 && at.tagName !== 'BODY'; at = at.parentElement) {
      const first = at.classList.length > 0 ? `.${at.classList.item(0)}` : '';
      parts.unshift(`${at.tagName.toLowerCase()}${at.id ? `#${at.id}` : first}`);
    }
    return parts.join(' > ');
  };
  // An <option> is shown when its list is opened: visible with its <select>. A screen-reader-only
  // text (.visually-hidden: 1 px, clipped) is rendered, so it counts: it is read aloud.
  const visible = (element: ProbeElement): boolean => (element.closest('select') ?? element).checkVisibility({ visibilityProperty: true });
  const found: ShownText[] = [{ text: document.title, where: 'title' }];
  const walker = document.createTreeWalker(document.body, SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    const text = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (!parent || text === '' || SKIPPED.has(parent.tagName) || !visible(parent)) continue;
    found.push({ text, where: path(parent) });
  }
  const labelled = document.body.querySelectorAll(ATTRIBUTES.map((name) => `[${name}]`).join(','));
  for (const element of labelled) {
    if (!visible(element)) continue;
    for (const name of ATTRIBUTES) {
      const text = element.getAttribute(name)?.replace(/\s+/g, ' ').trim();
      if (text) found.push({ text, where: `${path(element)}[${name}]` });
    }
  }
  return found;
}

export interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** The outermost elements whose right edge is past the viewport, with their CSS path and edge. */
  offenders: string[];
  /** Texts cut short with an ellipsis, with their CSS path. */
  truncated: string[];
}

/**
 * The page's width against the viewport, and the elements that stick out on the right. Only the
 * outermost one of a chain is named (its children stick out with it), and nothing inside a box
 * that scrolls or clips horizontally (a wide table in its own scroller is allowed).
 */
export function measureOverflow(): Overflow {
  const innerWidth = window.innerWidth;
  const path = (element: ProbeElement): string => {
    const parts: string[] = [];
    for (let at: ProbeElement | null = element; at && parts.length < 4 && at.tagName !== 'BODY'; at = at.parentElement) {
      const first = at.classList.length > 0 ? `.${at.classList.item(0)}` : '';
      parts.unshift(`${at.tagName.toLowerCase()}${at.id ? `#${at.id}` : first}`);
    }
    return parts.join(' > ');
  };
  const clipped = (element: ProbeElement): boolean => {
    for (let at = element.parentElement; at && at.tagName !== 'BODY'; at = at.parentElement) {
      if (at.tagName === 'HTML') break;
      if (window.getComputedStyle(at).overflowX !== 'visible') return true;
    }
    return false;
  };
  const sticksOut = (element: ProbeElement): boolean => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.height > 0 && rect.right > innerWidth + 1;
  };
  const offenders: string[] = [];
  const truncated: string[] = [];
  const all = document.body.querySelectorAll('*');
  for (const element of all) {
    if (element.closest('.visually-hidden')) continue;
    if (element.scrollWidth > element.clientWidth + 1 && window.getComputedStyle(element).textOverflow === 'ellipsis') {
      if (element.checkVisibility({ visibilityProperty: true })) {
        truncated.push(`"${(element.textContent ?? '').replace(/\s+/g, ' ').trim()}" at ${path(element)}`);
      }
    }
    if (!sticksOut(element)) continue;
    if (!element.checkVisibility({ visibilityProperty: true }) || clipped(element)) continue;
    const parent = element.parentElement;
    if (parent && parent.tagName !== 'BODY' && sticksOut(parent) && !clipped(parent)) continue;
    const rect = element.getBoundingClientRect();
    offenders.push(`${path(element)} (right edge ${Math.round(rect.right)} px)`);
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth, offenders, truncated };
}

/**
 * Navigation labels that do not fit: cut (scrollWidth past clientWidth), wrapped onto a second
 * line, or a navigation strip wider than its box (scrolled sideways: labels hidden past the edge).
 */
export function navigationMisfits(): string[] {
  const SHOW_TEXT = 4;
  const misfits: string[] = [];
  const navs = document.body.querySelectorAll('nav');
  for (const nav of navs) {
    if (!nav.checkVisibility({ visibilityProperty: true })) continue;
    const name = nav.getAttribute('aria-label') ?? nav.classList.item(0) ?? 'nav';
    const lists = nav.querySelectorAll('ul, ol');
    for (const list of lists) {
      if (list.scrollWidth > list.clientWidth + 1) {
        misfits.push(`${name}: the list is ${list.scrollWidth} px wide in a box of ${list.clientWidth} px`);
      }
    }
    const items = nav.querySelectorAll('a, button');
    for (const item of items) {
      if (!item.checkVisibility({ visibilityProperty: true })) continue;
      const label = (item.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (item.scrollWidth > item.clientWidth + 1)
        misfits.push(`${name}: "${label}" is cut (${item.scrollWidth} > ${item.clientWidth} px)`);
      // Each text node of the label on one line: an icon above or beside it is not a second line.
      const walker = document.createTreeWalker(item, SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if ((node.nodeValue ?? '').trim() === '' || node.parentElement?.closest('.visually-hidden')) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = range.getClientRects();
        const tops: number[] = [];
        for (const rect of rects) if (rect.width > 0) tops.push(rect.top);
        const lines = tops.length === 0 ? 0 : 1 + tops.filter((top) => top - Math.min(...tops) > 4).length;
        if (lines > 1) misfits.push(`${name}: "${label}" wraps onto ${lines} lines`);
      }
    }
  }
  return misfits;
}
