// Attribute and element rules for the mirrored page: which elements are made inert and which attribute values go.
import { sanitizeCss } from './sanitize-css';
import { isImageDataUrl, isSafeSrcset, isSafeUrl, isScriptUrl, normalizeUrl } from './sanitize-urls';

/** Elements that run code or change how the page loads: replaced by an inert, hidden `template` without content. */
export const SCRIPT_ELEMENTS = ['script', 'base', 'noembed', 'handler', 'listener'];
/** Elements that embed plugins or foreign documents: replaced by a `span`, so that their fallback content still shows. */
export const PLUGIN_ELEMENTS = ['object', 'embed', 'applet', 'portal'];
/** What SCRIPT_ELEMENTS become. */
export const INERT_TAG = 'template';

/** Attributes whose value is free text: shown or typed, never loaded, so no URL check. */
const TEXT_ATTRIBUTES = ['value', 'title', 'alt', 'placeholder', 'class', 'id', 'name', 'label', 'content', 'lang',
  'dir', 'for', 'type', 'role', 'autocomplete'];
/** Attributes that hold one URL. Names ending in "href" or "src" are URLs too. */
const URL_ATTRIBUTES = ['action', 'formaction', 'data', 'poster', 'background', 'cite', 'longdesc', 'codebase',
  'classid', 'archive', 'usemap', 'manifest', 'profile', 'icon', 'itemtype', 'xml:base', 'dynsrc', 'lowsrc'];
/**
 * Attributes a mirror never needs that only load or run something, or loosen the console's no-referrer policy (the
 * console's URL holds the session code).
 */
const DROPPED_ATTRIBUTES = ['srcdoc', 'http-equiv', 'ping', 'referrerpolicy'];
/** link rel tokens that only style or describe; preload, prefetch, import, modulepreload etc. lose their href. */
const SAFE_LINK_RELS = ['stylesheet', 'alternate', 'icon', 'shortcut', 'apple-touch-icon', 'mask-icon', 'canonical',
  'author', 'license', 'help', 'next', 'prev', 'search', 'nofollow', 'noopener', 'noreferrer', 'bookmark', 'tag'];
const SVG_ANIMATIONS = ['animate', 'set', 'animatetransform', 'animatemotion', 'animatecolor'];

/** A name the DOM accepts for an element or attribute: anything else would throw inside the replayer. */
export const VALID_NAME = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;

export type AttributeValue = string | number | boolean | null | Record<string, unknown> | undefined;

/**
 * The value `name` may keep on a `tag` element: the value itself, a rewritten one, or undefined when the attribute
 * must go. `null` (a removal in a mutation) always stays.
 */
export function safeAttribute(tag: string, name: string, value: AttributeValue): AttributeValue {
  const lower = name.toLowerCase();
  if (value === null) {
    return null;
  }
  if (!VALID_NAME.test(name) || lower.startsWith('on') || DROPPED_ATTRIBUTES.indexOf(lower) >= 0) {
    return undefined;
  }
  if (lower === 'style') {
    return typeof value === 'string' ? sanitizeCss(value) : safeStyleObject(value);
  }
  if (typeof value !== 'string') {
    return typeof value === 'object' ? undefined : value; // numbers and booleans (rrweb's rr_ media state) are inert
  }
  if (lower === '_csstext') {
    return sanitizeCss(value);
  }
  if (lower === 'rr_dataurl') {
    return isImageDataUrl(value) ? value : undefined;
  }
  if ((tag === 'iframe' || tag === 'frame') && (lower === 'src' || lower === 'rr_src')) {
    return undefined; // rrweb rebuilds same-origin frames from their snapshot and never loads a frame's URL
  }
  if (tag === 'meta' && lower === 'name' && /referrer/i.test(value)) {
    return undefined; // <meta name=referrer content=unsafe-url> would send the console's URL along with loads
  }
  if (lower === 'srcset' || lower === 'imagesrcset') {
    return isSafeSrcset(value, tag) ? value : undefined;
  }
  if (SVG_ANIMATIONS.indexOf(tag) >= 0 && lower === 'attributename'
    && /(^|:)href$|^on|^style$/.test(normalizeUrl(value))) {
    return undefined; // animating a link's href to javascript: is a classic SVG bypass
  }
  if (TEXT_ATTRIBUTES.indexOf(lower) >= 0 || lower.startsWith('aria-') || lower.startsWith('data-')) {
    return value;
  }
  if (lower.endsWith('href') || lower.endsWith('src') || URL_ATTRIBUTES.indexOf(lower) >= 0) {
    return isSafeUrl(value, tag, lower) ? value : undefined;
  }
  return isScriptUrl(value) ? undefined : value;
}

/** rrweb's style object of attribute mutations: {prop: value | [value, priority] | false}. */
function safeStyleObject(value: AttributeValue): AttributeValue {
  if (!value || typeof value !== 'object') {
    return undefined;
  }
  const safe: Record<string, unknown> = {};
  for (const property of Object.keys(value)) {
    const entry = (value as Record<string, unknown>)[property];
    if (!VALID_NAME.test(property.replace(/^--/, 'x')) || /behaviou?r|binding/i.test(property)) {
      continue;
    }
    if (typeof entry === 'string') {
      safe[property] = sanitizeCss(entry);
    } else if (Array.isArray(entry) && typeof entry[0] === 'string') {
      safe[property] = [sanitizeCss(entry[0]), String(entry[1] || '')];
    } else if (entry === false) {
      safe[property] = false;
    }
  }
  return safe;
}

/** Whether a link's rel keeps its href: only stylesheets, icons and descriptive relations. */
export function isSafeLinkRel(rel: unknown): boolean {
  if (typeof rel !== 'string') {
    return rel === undefined || rel === null;
  }
  return rel.toLowerCase().split(/\s+/).filter(Boolean).every((token) => SAFE_LINK_RELS.indexOf(token) >= 0);
}

/** Rewrites an attribute map in place (a snapshot node's, or a mutation's changes). */
export function sanitizeAttributeMap(tag: string, attributes: Record<string, AttributeValue>): void {
  for (const name of Object.keys(attributes)) {
    const safe = safeAttribute(tag, name, attributes[name]);
    if (safe === undefined) {
      delete attributes[name];
    } else {
      attributes[name] = safe;
    }
  }
}

/** A link whose rel may load or run something (preload, prefetch, import...) loses its href. */
export function dropUnsafeLinkTarget(attributes: Record<string, AttributeValue>): void {
  attributes.href = null;
  delete attributes.imagesrcset;
}
