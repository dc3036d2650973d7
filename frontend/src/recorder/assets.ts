// Points every asset reference of the recorded events at the co-browse server (AssetLinks), before the events leave
// the page: image and media attributes, srcset lists, stylesheets rrweb could not inline, url()s, @imports and
// image-set() strings in inlined sheets, <style> text, style attributes, CSSOM rules (CSS-in-JS libraries use
// insertRule) and adopted sheets.
import { EventType, eventWithTime, IncrementalSource, NodeType, serializedNodeWithId } from '@rrweb/types';
import { AssetLinks } from './asset-links';
import { NodeLookup } from './sanitize';

type Attributes = Record<string, unknown>;
/** tag → attributes holding one asset URL. `style`, `srcset` and `_cssText` are handled for every tag. */
const URL_ATTRIBUTES: Record<string, string[]> = {
  img: ['src'], source: ['src'], input: ['src'], video: ['poster'], image: ['href', 'xlink:href'],
  use: ['href', 'xlink:href'], feimage: ['href', 'xlink:href'], body: ['background'], table: ['background'],
  td: ['background'], th: ['background'],
};
/**
 * @import "x" (groups 1, 2) or url(x) (3 to 5), in one pass: a reference already rewritten is not rewritten again. No
 * string or bare URL runs past a line break or an opening parenthesis: a hostile sheet costs linear time.
 */
const CSS_REFERENCE = new RegExp('@import[ \\t\\n\\r\\f]*(?:"([^"\\n\\r\\f]*)"|\'([^\'\\n\\r\\f]*)\')'
  // (?![ \t...]) after the leading whitespace: without it, "url(" and a long run of spaces backtracks quadratically.
  + '|url\\([ \\t\\n\\r\\f]*(?![ \\t\\n\\r\\f])(?:"([^"\\n\\r\\f]*)"|\'([^\'\\n\\r\\f]*)\''
  + '|([^() \\t\\n\\r\\f"\']*))[ \\t\\n\\r\\f]*\\)', 'gi');

/**
 * Rewrites `css` so that its url()s, @imports and image-set() strings load through the server; relative ones resolve
 * against `base`.
 */
export function rewriteCss(css: string, base: string, links: AssetLinks): string {
  if (!css || !/url\(|@import|image-set\(/i.test(css)) {
    return css;
  }
  const target = (reference: string) => links.proxied(reference, base).replace(/["\\\n\r]/g, encodeURIComponent);
  return imageSetStringsAsUrls(css).replace(CSS_REFERENCE,
    (_m, a?: string, b?: string, c?: string, d?: string, e?: string) => a !== undefined || b !== undefined
      ? '@import url("' + target(a !== undefined ? a : b as string) + '")'
      : 'url("' + target(c !== undefined ? c : d !== undefined ? d : e || '') + '")');
}

/**
 * In image-set("a.png" 1x, 'b.png' 2x) (and -webkit-image-set) a bare string is a URL: each one that starts a
 * candidate becomes a url(), which the url() pass then rewrites. Comments and strings elsewhere (font names,
 * type("image/avif"), content) are left alone; as in CSS, a string ends at a line break, and an image-set ends at its
 * closing parenthesis or, malformed, at a ';', '{' or '}'. The server's CssRewriter does the same for the sheets it
 * proxies.
 */
export function imageSetStringsAsUrls(css: string): string {
  if (!/image-set\(/i.test(css)) {
    return css;
  }
  let out = '';
  let i = 0;
  while (i < css.length) {
    const end = skipped(css, i);
    if (end > i) {
      out += css.slice(i, end);
      i = end;
    } else if (isImageSet(css, i)) {
      out += css.slice(i, i + 10);
      const copied = copyImageSet(css, i + 10);
      out += copied.text;
      i = copied.end;
    } else {
      out += css.charAt(i++);
    }
  }
  return out;
}

/** An image-set's arguments from `at` to its end, rewritten, and the index after them. */
function copyImageSet(css: string, at: number): { text: string; end: number } {
  let depth = 1;
  let candidateStart = true;
  let text = '';
  let i = at;
  while (i < css.length && depth > 0) {
    const c = css.charAt(i);
    const end = skipped(css, i);
    if (end > i) {
      const string = c !== '/';
      const url = string && depth === 1 && candidateStart && end - i >= 2 && css.charAt(end - 1) === c;
      text += url ? 'url(' + css.slice(i, end) + ')' : css.slice(i, end);
      candidateStart = candidateStart && !string;
      i = end;
      continue;
    }
    if (depth === 1 && (c === ';' || c === '{' || c === '}')) {
      break; // malformed: the declaration ended inside the image-set
    }
    depth += c === '(' ? 1 : c === ')' ? -1 : 0;
    if (c === ',' && depth === 1) {
      candidateStart = true;
    } else if (!isCssWhitespace(c)) {
      candidateStart = false;
    }
    text += c;
    i++;
  }
  return { text, end: i };
}

/** "image-set(" at `at`, ASCII letters in any case (as the server compares it: no Unicode case folding). */
function isImageSet(css: string, at: number): boolean {
  return css.slice(at, at + 10).replace(/[A-Z]/g, (c) => c.toLowerCase()) === 'image-set(';
}

/** CSS whitespace: what both this script and the server's CssRewriter skip (not JavaScript's wider \s). */
function isCssWhitespace(c: string): boolean {
  return c === ' ' || c === '\t' || isLineBreak(c);
}

function isLineBreak(c: string): boolean {
  return c === '\n' || c === '\r' || c === '\f';
}

/**
 * The end of the comment or string that starts at `at`, or `at` when none does. A string ends at its closing quote
 * (backslash escapes skipped) or before a line break; a comment at its end or the sheet's.
 */
function skipped(css: string, at: number): number {
  const c = css.charAt(at);
  if (c === '/' && css.charAt(at + 1) === '*') {
    const close = css.indexOf('*/', at + 2);
    return close < 0 ? css.length : close + 2;
  }
  if (c !== '"' && c !== "'") {
    return at;
  }
  let i = at + 1;
  while (i < css.length && css.charAt(i) !== c && !isLineBreak(css.charAt(i))) {
    i += css.charAt(i) === '\\' ? 2 : 1;
  }
  return i < css.length && css.charAt(i) === c ? i + 1 : Math.min(i, css.length);
}

/** srcset candidates: "url descriptor, url descriptor". Data URLs (with commas) are left whole: they load anyway. */
function rewriteSrcset(value: string, base: string, links: AssetLinks): string {
  if (/data:/i.test(value)) {
    return value;
  }
  return value.split(',').map((candidate) => {
    const match = /^(\s*)(\S+)(.*)$/.exec(candidate);
    return match ? match[1] + links.proxied(match[2], base) + match[3] : candidate;
  }).join(',');
}

export class AssetRewriter {
  constructor(private readonly links: AssetLinks, private readonly nodes: NodeLookup) {}

  /** Rewrites `event` in place. */
  rewrite(event: eventWithTime): void {
    const base = document.baseURI || location.href;
    if (event.type === EventType.FullSnapshot) {
      this.tree(event.data.node, '', base);
      return;
    }
    if (event.type !== EventType.IncrementalSnapshot) {
      return;
    }
    const data = event.data as unknown as Record<string, unknown>;
    switch (data.source) {
      case IncrementalSource.Mutation: {
        const m = event.data as unknown as { adds: Array<{ parentId: number; node: serializedNodeWithId }>;
          attributes: Array<{ id: number; attributes: Attributes }>; texts: Array<{ id: number; value: string | null }> };
        m.adds.forEach((add) => this.tree(add.node, this.tagOf(add.parentId), base));
        m.attributes.forEach((change) => this.attributes(this.tagOf(change.id), change.attributes, base));
        m.texts.forEach((change) => {
          const node = this.nodes.getNode(change.id);
          const parent = node && node.parentElement;
          if (change.value && parent && parent.tagName.toLowerCase() === 'style') {
            change.value = rewriteCss(change.value, base, this.links);
          }
        });
        break;
      }
      case IncrementalSource.StyleSheetRule:
        listOf(data.adds).forEach((add) => typeof add.rule === 'string'
          && (add.rule = rewriteCss(add.rule, base, this.links)));
        ['replace', 'replaceSync'].filter((k) => typeof data[k] === 'string')
          .forEach((k) => (data[k] = rewriteCss(data[k] as string, base, this.links)));
        break;
      case IncrementalSource.StyleDeclaration: {
        const set = data.set as { value?: unknown } | undefined;
        if (set && typeof set.value === 'string') {
          set.value = rewriteCss(set.value, base, this.links);
        }
        break;
      }
      case IncrementalSource.AdoptedStyleSheet:
        listOf(data.styles).forEach((style) => listOf(style.rules).forEach((rule) => typeof rule.rule === 'string'
          && (rule.rule = rewriteCss(rule.rule, base, this.links))));
        break;
      default:
    }
  }

  private tree(node: serializedNodeWithId, parentTag: string, base: string): void {
    if (node.type === NodeType.Element) {
      const tag = node.tagName.toLowerCase();
      this.attributes(tag, node.attributes as Attributes, base);
      node.childNodes.forEach((child) => this.tree(child, tag, base));
    } else if (node.type === NodeType.Document) {
      node.childNodes.forEach((child) => this.tree(child, '', base));
    } else if (node.type === NodeType.Text && (parentTag === 'style' || node.isStyle) && node.textContent) {
      node.textContent = rewriteCss(node.textContent, base, this.links);
    }
  }

  private attributes(tag: string, attributes: Attributes, base: string): void {
    for (const name of URL_ATTRIBUTES[tag] || []) {
      const value = attributes[name];
      if (typeof value === 'string' && value) {
        attributes[name] = this.links.proxied(value, base);
      }
    }
    ['srcset', 'imagesrcset'].forEach((name) => {
      const value = attributes[name];
      if (typeof value === 'string' && value) {
        attributes[name] = rewriteSrcset(value, base, this.links);
      }
    });
    if (typeof attributes.style === 'string') {
      attributes.style = rewriteCss(attributes.style, base, this.links);
    }
    if (typeof attributes._cssText === 'string') {
      attributes._cssText = rewriteCss(attributes._cssText, base, this.links);
    } else if (tag === 'link' && typeof attributes.href === 'string' && /stylesheet/i.test(String(attributes.rel))) {
      // A sheet rrweb could not read (another origin without CORS): the proxy fetches it and rewrites its url()s.
      attributes.href = this.links.proxied(attributes.href, base);
    }
  }

  private tagOf(id: number): string {
    const node = this.nodes.getNode(id);
    return node && node.nodeType === 1 ? (node as Element).tagName.toLowerCase() : '';
  }
}

function listOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((v) => v && typeof v === 'object') : [];
}
