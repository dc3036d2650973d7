// Points every asset reference of the recorded events at the co-browse server (AssetLinks), before the events leave
// the page: image and media attributes, srcset lists, stylesheets rrweb could not inline, url()s and @imports in
// inlined sheets, <style> text, style attributes, CSSOM rules (CSS-in-JS libraries use insertRule) and adopted sheets.
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
const CSS_URL = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s"']*))\s*\)/gi;
const CSS_IMPORT = /@import\s*(?:"([^"]*)"|'([^']*)')/gi;

/** Rewrites `css` so that its url()s and @imports load through the server; relative ones resolve against `base`. */
export function rewriteCss(css: string, base: string, links: AssetLinks): string {
  if (!css || (css.indexOf('url(') < 0 && css.indexOf('URL(') < 0 && css.indexOf('@import') < 0)) {
    return css;
  }
  const target = (a?: string, b?: string, c?: string) =>
    links.proxied(a !== undefined ? a : b !== undefined ? b : c || '', base).replace(/["\\\n\r]/g, encodeURIComponent);
  return css
    .replace(CSS_IMPORT, (_m, a?: string, b?: string) => '@import url("' + target(a, b) + '")')
    .replace(CSS_URL, (_m, a?: string, b?: string, c?: string) => 'url("' + target(a, b, c) + '")');
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
