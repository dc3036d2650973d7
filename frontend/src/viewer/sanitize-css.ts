// CSS of the mirrored page (style elements, style attributes, inserted rules, adopted sheets, fonts). Modern browsers
// run no code from CSS, but old ones did (expression(), behavior, -moz-binding, javascript: URLs), and @import pulls
// sheets from anywhere. CSS that mentions none of these passes unchanged, byte for byte; the rest is rewritten.

/** Tokens that once ran code from CSS. Each is replaced by an inert word. */
const DANGEROUS: Array<[RegExp, string]> = [
  [/expression\s*\(/g, 'blocked('],
  [/(java|vb|live)script\s*:/g, 'blocked:'],
  [/behaviou?r\s*:/g, 'blocked-behavior:'],
  [/-moz-binding/g, 'blocked-binding'],
];
const IMPORT_RULE = /@import\s*(?:url\(\s*)?(["']?)([^"')\s;]*)\1\s*\)?[^;]*;?/gi;

/**
 * How the CSS tokenizer reads the text: comments gone, escapes (`\65`, `\e`, `\` + newline) decoded, lower case. Used
 * to detect, and as the rewritten text when something dangerous hides behind escapes.
 */
export function decodeCss(css: string): string {
  return css.replace(/\/\*[\s\S]*?(\*\/|$)/g, '')
    .replace(/\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|\r\n|[\n\r\f]|([\s\S]))/g, (_m, hex: string, other: string) => {
      if (hex) {
        const code = parseInt(hex, 16);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      }
      return other || '';
    })
    .replace(/[\u0000\u00ad\u200b-\u200f\ufeff]/g, '')
    .toLowerCase();
}

function hasDanger(decoded: string): boolean {
  return DANGEROUS.some(([pattern]) => new RegExp(pattern.source).test(decoded))
    || stripAllowedImports(decoded).indexOf('@import') >= 0;
}

/**
 * The co-browse server's origin, from the src of the script being evaluated (agent.js): where the asset proxy is when
 * the viewer is embedded in a desktop of another origin. Empty outside a browser.
 */
const SERVER_ORIGIN = (() => {
  try {
    const script = document.currentScript as HTMLScriptElement | null;
    return script && script.src ? new URL(script.src).origin : '';
  } catch (e) {
    return '';
  }
})();

/** @import of the agent page's or the server's origin (the asset proxy) or a relative URL is kept; others go. */
function isAllowedImport(url: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (!scheme) {
    return !url.startsWith('//');
  }
  try {
    const origin = new URL(url).origin;
    return /^https?:$/i.test(scheme[0]) && (origin === location.origin || origin === SERVER_ORIGIN);
  } catch (e) {
    return false;
  }
}

function stripAllowedImports(css: string): string {
  return css.replace(IMPORT_RULE, (rule: string, _quote: string, url: string) => (isAllowedImport(url) ? '' : rule));
}

function dropImports(css: string): string {
  return css.replace(IMPORT_RULE, (rule: string, _quote: string, url: string) => (isAllowedImport(url) ? rule : ''));
}

function neutralize(decoded: string): string {
  let result = dropImports(decoded);
  for (const [pattern, replacement] of DANGEROUS) {
    result = result.replace(pattern, replacement);
  }
  // An @import the rule pattern could not read (odd syntax) disables every @import of this text.
  return stripAllowedImports(result).indexOf('@import') >= 0 ? result.replace(/@import/g, '@blocked-import') : result;
}

/** Returns `css` itself when it is harmless, else a rewritten copy without imports of other origins or script. */
export function sanitizeCss(css: string): string {
  if (!css || !hasDanger(decodeCss(css))) {
    return css;
  }
  // Only imports (common in real sheets)? Remove those from the original text, so that escapes elsewhere stay intact.
  const withoutImports = dropImports(css);
  if (!hasDanger(decodeCss(withoutImports))) {
    return withoutImports;
  }
  return neutralize(decodeCss(css));
}
