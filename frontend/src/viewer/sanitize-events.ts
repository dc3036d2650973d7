// Every rrweb event from the customer passes here before the replayer sees it. The customer's socket is untrusted (a
// forged one can send any JSON), so the mirror must stay inert even if the sandboxed iframe or the page's
// Content-Security-Policy were missing: no script elements, no event handler attributes, no javascript: or HTML data
// URLs, no srcdoc, no <meta http-equiv>, no <base>, no plugins, no script in CSS.
import { EventType, eventWithTime, IncrementalSource, NodeType, serializedNodeWithId } from '@rrweb/types';
import { sanitizeCss } from './sanitize-css';
import {
  AttributeValue, dropUnsafeLinkTarget, INERT_TAG, isSafeLinkRel, PLUGIN_ELEMENTS, sanitizeAttributeMap, SCRIPT_ELEMENTS,
  VALID_NAME,
} from './sanitize-attributes';
import { sanitizeCanvasArgs } from './sanitize-canvas';
import { normalizeUrl } from './sanitize-urls';

/** Event types the replayer needs; plugin, asset and unknown events are dropped. */
const KEPT_TYPES: number[] = [EventType.DomContentLoaded, EventType.Load, EventType.FullSnapshot,
  EventType.IncrementalSnapshot, EventType.Meta, EventType.Custom];
const CUSTOM_ELEMENT_NAME = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/;
const RESERVED_CUSTOM_NAMES = ['annotation-xml', 'color-profile', 'font-face', 'font-face-src', 'font-face-uri',
  'font-face-format', 'font-face-name', 'missing-glyph'];
/** Kept from a plugin element turned into a span: what places and styles it. */
const PLUGIN_KEPT_ATTRIBUTES = ['id', 'class', 'style', 'width', 'height'];

type Attributes = Record<string, AttributeValue>;
type AnyNode = serializedNodeWithId & { tagName?: string; attributes?: Attributes; childNodes?: unknown;
  textContent?: string; isSVG?: boolean; isCustom?: boolean; isStyle?: boolean };

/** Cleans one session's rrweb events in place; remembers each node's tag to judge later mutations of it. */
export class EventSanitizer {
  /** Every element seen, by rrweb id: its lower-case tag after cleaning (INERT_TAG for scripts and the like). */
  private readonly elements = new Map<number, string>();
  /** Every text node seen, by rrweb id: its parent's tag (style text is CSS; script text is dropped). */
  private readonly texts = new Map<number, string>();
  /** Links whose rel may load something: their href stays away. */
  private readonly unsafeLinks = new Set<number>();

  /** Rewrites `event` so that nothing in it can run or load code; false when it must not reach the replayer. */
  sanitize(event: eventWithTime): boolean {
    try {
      if (!event || typeof event !== 'object' || KEPT_TYPES.indexOf(event.type) < 0) {
        return false;
      }
      if (event.type === EventType.FullSnapshot) {
        this.elements.clear();
        this.texts.clear();
        this.unsafeLinks.clear();
        this.sanitizeTree(event.data.node as AnyNode, '');
      } else if (event.type === EventType.IncrementalSnapshot) {
        return this.sanitizeIncremental(event.data as unknown as Record<string, unknown>);
      } else if (event.type === EventType.Meta) {
        // Shown in the console and passed to embedding desktops, which might make a link of it: http(s) only.
        const data = event.data as { href?: unknown };
        data.href = typeof data.href === 'string' && /^https?:/.test(normalizeUrl(data.href)) ? data.href : '';
      }
      return true;
    } catch (e) {
      return false; // malformed: the replayer would choke on it too, and half-cleaned is not clean
    }
  }

  private sanitizeIncremental(data: Record<string, unknown>): boolean {
    switch (data.source) {
      case IncrementalSource.Mutation:
        this.sanitizeMutation(data);
        return true;
      case IncrementalSource.StyleSheetRule:
        listOf(data.adds).forEach((add) => (add.rule = sanitizeCss(String(add.rule || ''))));
        ['replace', 'replaceSync'].filter((k) => typeof data[k] === 'string')
          .forEach((k) => (data[k] = sanitizeCss(data[k] as string)));
        return true;
      case IncrementalSource.StyleDeclaration: {
        const set = data.set as { property?: unknown; value?: unknown } | undefined;
        if (set) {
          if (typeof set.property !== 'string' || /behaviou?r|binding/i.test(set.property)) {
            return false;
          }
          set.value = typeof set.value === 'string' ? sanitizeCss(set.value) : null;
        }
        return true;
      }
      case IncrementalSource.AdoptedStyleSheet:
        listOf(data.styles).forEach((style) => listOf(style.rules)
          .forEach((rule) => (rule.rule = sanitizeCss(String(rule.rule || '')))));
        return true;
      case IncrementalSource.Font:
        if (!data.buffer) {
          data.fontSource = sanitizeCss(String(data.fontSource || ''));
        }
        return true;
      case IncrementalSource.CanvasMutation:
        sanitizeCanvasArgs(data);
        return true;
      case IncrementalSource.CustomElement: {
        const define = data.define as { name?: unknown } | undefined;
        return !define || isCustomElementName(define.name);
      }
      default:
        return true; // pointer, scroll, input, media, selection...: ids and numbers, set as properties
    }
  }

  private sanitizeMutation(data: Record<string, unknown>): void {
    // rrweb sends one add per node, children naming their parent: elements first, so that every text node's parent
    // tag (style? script?) is known whatever the order of the list.
    const adds = listOf(data.adds);
    const isText = (add: Record<string, unknown>) => isObject(add.node) && add.node.type !== NodeType.Element
      && add.node.type !== NodeType.Document;
    adds.filter((add) => !isText(add)).concat(adds.filter(isText)).forEach((add) =>
      this.sanitizeTree(add.node as AnyNode, this.elements.get(Number(add.parentId)) || ''));
    listOf(data.attributes).forEach((change) => {
      const id = Number(change.id);
      const tag = this.elements.get(id) || '';
      const attributes = (isObject(change.attributes) ? change.attributes : {}) as Attributes;
      change.attributes = attributes;
      if (tag === INERT_TAG) {
        change.attributes = {};
        return;
      }
      sanitizeAttributeMap(tag, attributes);
      if (tag === 'link') {
        if ('rel' in attributes && !isSafeLinkRel(attributes.rel)) {
          this.unsafeLinks.add(id);
        } else if ('rel' in attributes) {
          this.unsafeLinks.delete(id);
        }
        if (this.unsafeLinks.has(id)) {
          dropUnsafeLinkTarget(attributes);
        }
      }
    });
    listOf(data.texts).forEach((change) => {
      if (typeof change.value === 'string') {
        change.value = safeText(this.texts.get(Number(change.id)) || '', change.value, false);
      }
    });
  }

  /** Cleans a serialized subtree (a snapshot's document, an added node, a frame's or shadow root's children). */
  private sanitizeTree(root: AnyNode, rootParentTag: string): void {
    const pending: Array<[AnyNode, string]> = [[root, rootParentTag]];
    while (pending.length) {
      const [node, parentTag] = pending.pop()!;
      if (!isObject(node)) {
        continue;
      }
      let childParentTag = '';
      if (node.type === NodeType.Element) {
        childParentTag = this.sanitizeElement(node);
      } else if (node.type === NodeType.Text || node.type === NodeType.CDATA || node.type === NodeType.Comment) {
        if (node.type === NodeType.CDATA) {
          (node as { type: NodeType }).type = NodeType.Text; // HTML documents throw on CDATA sections
        }
        this.texts.set(node.id, parentTag);
        node.textContent = safeText(parentTag, String(node.textContent || ''),
          node.type === NodeType.Text && !!node.isStyle);
      }
      if (node.type === NodeType.Element || node.type === NodeType.Document) {
        if (!Array.isArray(node.childNodes)) {
          node.childNodes = [];
        }
        (node.childNodes as AnyNode[]).forEach((child) => pending.push([child, childParentTag]));
      }
    }
  }

  /** Cleans an element's name and attributes; returns its tag as its children's parent. */
  private sanitizeElement(node: AnyNode): string {
    let tag = typeof node.tagName === 'string' ? node.tagName.trim().toLowerCase() : '';
    if (!VALID_NAME.test(tag)) {
      tag = 'span';
    }
    if (!isObject(node.attributes)) {
      node.attributes = {};
    }
    if (SCRIPT_ELEMENTS.indexOf(tag) >= 0) {
      tag = INERT_TAG;
      node.attributes = {};
      delete node.isSVG;
    } else if (PLUGIN_ELEMENTS.indexOf(tag) >= 0) {
      tag = 'span';
      const kept: Attributes = {};
      PLUGIN_KEPT_ATTRIBUTES.filter((name) => name in node.attributes!)
        .forEach((name) => (kept[name] = node.attributes![name]));
      node.attributes = kept;
      delete node.isSVG;
    }
    node.tagName = tag;
    if (node.isCustom && !isCustomElementName(tag)) {
      delete node.isCustom;
    }
    sanitizeAttributeMap(tag, node.attributes!);
    if (tag === 'link' && !isSafeLinkRel(node.attributes!.rel)) {
      dropUnsafeLinkTarget(node.attributes!);
      this.unsafeLinks.add(node.id);
    }
    this.elements.set(node.id, tag);
    return tag;
  }
}

/** Text under a script-like element goes; text of a style element is CSS; any other text is inert data. */
function safeText(parentTag: string, value: string, isStyle: boolean): string {
  if (parentTag === INERT_TAG) {
    return '';
  }
  return parentTag === 'style' || isStyle ? sanitizeCss(value) : value;
}

function isCustomElementName(name: unknown): boolean {
  return typeof name === 'string' && CUSTOM_ELEMENT_NAME.test(name) && RESERVED_CUSTOM_NAMES.indexOf(name) < 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a list field (anything else, e.g. a forged string, counts as empty). */
function listOf(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? (value.filter(isObject) as Array<Record<string, unknown>>) : [];
}
