// What must never leave the visitor's browser, decided element by element.
// Masks have a fixed length so that not even the length of a secret leaks.
import { RestrictionSet } from '../protocol/messages';
import { Logger } from '../protocol/log';

export const MASK = '\u2022\u2022\u2022\u2022\u2022\u2022';

/** Fields masked on every site, whatever the restriction file says: passwords, payment cards, chosen file names. */
const ALWAYS_MASKED_FIELDS = [
  'input[type=password]',
  'input[type=file]',
  '[data-rr-is-password]',
  '[autocomplete="current-password"]',
  '[autocomplete="new-password"]',
  '[autocomplete="one-time-code"]',
  '[autocomplete^="cc-"]',
].join(',');

/** rrweb's own class for masked text, honoured too so pages marked for rrweb stay masked. */
const RRWEB_MASK_CLASS = '.rr-mask';

/** Masks everything: used when a restriction applies but cannot be understood (fail closed). */
const EVERYTHING = '*';

interface PageRules {
  href: string;
  maskSelector: string;
  disableSelector: string | null;
}

export class MaskPolicy {
  /** Elements seen as passwords: a "show password" toggle turns them into text fields, but they stay masked. */
  private readonly formerPasswords = new WeakSet<Element>();
  private rules: PageRules;

  /**
   * @param sets the restriction sets of join.ok; every set whose urlPattern matches the page URL applies. The URL is
   *             checked again on every decision, so a single-page app that moves to a restricted URL is masked at once.
   */
  constructor(private readonly sets: RestrictionSet[] | undefined, private readonly log: Logger) {
    this.rules = this.rulesFor(location.href);
  }

  /** The mask selectors of the current page, for rrweb's maskTextSelector. */
  get maskSelector(): string {
    return this.currentRules().maskSelector;
  }

  /** The selectors of elements agents may not act on (write mode). */
  get disableSelector(): string | null {
    return this.currentRules().disableSelector;
  }

  /** Whether the value of a form field (input, textarea, select, or an editable element) must be masked. */
  isMaskedField(element: Element | null): boolean {
    if (!element || typeof element.matches !== 'function') {
      return false;
    }
    if (this.isPassword(element)) {
      return true;
    }
    return this.isMaskedText(element);
  }

  /** Whether text in this element (or anything inside it) must be masked. */
  isMaskedText(element: Element | null): boolean {
    if (!element || typeof element.closest !== 'function') {
      return false;
    }
    try {
      return element.closest(this.currentRules().maskSelector) !== null;
    } catch {
      return true;
    }
  }

  /** rrweb's maskInputFn: called for every field value; leaves the value alone unless the field is masked. */
  maskInputValue(text: string, element: HTMLElement | null): string {
    if (element && this.isMaskedField(element)) {
      return text ? MASK : '';
    }
    return text;
  }

  /** rrweb's maskTextFn: called only for text inside masked elements. Whitespace keeps the layout and tells nothing. */
  maskText(text: string): string {
    return /\S/.test(text) ? MASK : text;
  }

  /** Remembers current password fields so that they stay masked after their type changes. */
  rememberPasswords(root: ParentNode): void {
    try {
      root.querySelectorAll('input[type=password]').forEach((el) => this.formerPasswords.add(el));
    } catch {
      // a document being torn down
    }
  }

  private currentRules(): PageRules {
    const href = location.href;
    if (href !== this.rules.href) {
      this.rules = this.rulesFor(href);
    }
    return this.rules;
  }

  /** The union of every restriction set whose urlPattern matches the URL. */
  private rulesFor(href: string): PageRules {
    const mask: string[] = [RRWEB_MASK_CLASS];
    const disable: string[] = [];
    for (const set of Array.isArray(this.sets) ? this.sets : []) {
      if (!set || !appliesTo(set.urlPattern, href, this.log)) {
        continue;
      }
      for (const selector of set.mask || []) {
        if (isValidSelector(selector)) {
          mask.push(selector);
        } else {
          // An unreadable rule could hide anything: mask the whole page rather than risk leaking it.
          this.log.warn('invalid mask selector, masking the whole page:', selector);
          mask.push(EVERYTHING);
        }
      }
      disable.push(...(set.disable || []).filter(isValidSelector));
    }
    return { href, maskSelector: mask.join(','), disableSelector: disable.length ? disable.join(',') : null };
  }

  private isPassword(element: Element): boolean {
    if (this.formerPasswords.has(element)) {
      return true;
    }
    try {
      if (element.matches(ALWAYS_MASKED_FIELDS)) {
        if (element.tagName === 'INPUT' && (element as HTMLInputElement).type === 'password') {
          this.formerPasswords.add(element);
        }
        return true;
      }
    } catch {
      return true;
    }
    return false;
  }
}

function appliesTo(pattern: unknown, href: string, log: Logger): boolean {
  if (typeof pattern !== 'string') {
    return true;
  }
  try {
    return new RegExp(pattern).test(href);
  } catch {
    // A pattern JavaScript cannot read (the server checked it as a Java regex): apply the set rather than skip it.
    log.warn('urlPattern is not a JavaScript regular expression, applying its set everywhere:', pattern);
    return true;
  }
}

function isValidSelector(selector: unknown): selector is string {
  if (typeof selector !== 'string' || !selector.trim()) {
    return false;
  }
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}
