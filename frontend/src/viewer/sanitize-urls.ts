// URL checks for the attributes of the mirrored page. The customer's stream is untrusted: a forged customer socket can
// put any string in any attribute, so anything that could run code or load a document is refused.

/** Schemes a link or resource of a mirrored page may use. Everything else (javascript:, vbscript:, file:...) goes. */
const SAFE_SCHEMES = ['http', 'https', 'mailto', 'tel', 'sms', 'blob'];
/** Schemes refused in any attribute, URL or not. */
const SCRIPT_SCHEMES = ['javascript', 'vbscript', 'livescript', 'mocha'];
/** Elements whose URL loads a document: no data: URL at all there. */
const DOCUMENT_ELEMENTS = ['iframe', 'frame', 'object', 'embed', 'applet', 'portal', 'form'];
/** Elements that only ever show an image: an SVG data URL is inert there (images never run scripts). */
const IMAGE_ELEMENTS = ['img', 'source', 'image', 'feimage', 'input', 'video', 'use', 'picture'];
/** Attributes that navigate or submit: never data: documents. */
const NAVIGATING_ATTRIBUTES = ['action', 'formaction'];

/**
 * What the URL parser sees: it drops leading C0 controls and spaces and every tab or newline, whatever the position.
 * Removing every control character and space anywhere over-approximates that, which is the safe direction.
 */
export function normalizeUrl(value: string): string {
  return value.replace(/[\u0000-\u0020\u007f-\u009f\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, '')
    .toLowerCase();
}

function schemeOf(normalized: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):/.exec(normalized);
  return match ? match[1] : null;
}

/** Whether a data: URL may appear in `attribute` of `tag`: images, sound, video and fonts only, never documents. */
function isSafeDataUrl(normalized: string, tag: string, attribute: string): boolean {
  if (DOCUMENT_ELEMENTS.indexOf(tag) >= 0 || NAVIGATING_ATTRIBUTES.indexOf(attribute) >= 0) {
    return false;
  }
  if (/^data:image\/svg\+xml/.test(normalized)) {
    return IMAGE_ELEMENTS.indexOf(tag) >= 0;
  }
  return /^data:(image|audio|video|font)\/[a-z0-9.+-]+[;,]/.test(normalized);
}

/** A URL attribute (href, src, action, ...): relative, or a scheme in the safe list, or a media data: URL. */
export function isSafeUrl(value: string, tag: string, attribute: string): boolean {
  const normalized = normalizeUrl(value);
  const scheme = schemeOf(normalized);
  if (scheme === null) {
    return true; // relative: resolves against the agent's own page, since <base> never reaches the mirror
  }
  if (scheme === 'data') {
    return isSafeDataUrl(normalized, tag, attribute);
  }
  return SAFE_SCHEMES.indexOf(scheme) >= 0;
}

/** srcset-like lists: every candidate URL must be safe; data: candidates only as images. */
export function isSafeSrcset(value: string, tag: string): boolean {
  const normalized = normalizeUrl(value);
  if (SCRIPT_SCHEMES.some((s) => normalized.indexOf(s + ':') >= 0)) {
    return false;
  }
  // Data URLs contain commas, so the list is not split; each data: occurrence must start an image.
  const dataUrls = normalized.split('data:').slice(1);
  return dataUrls.every((rest) => isSafeDataUrl('data:' + rest, tag, 'srcset'));
}

/** Any other attribute: refused only when its value starts with a script scheme or is an HTML data URL. */
export function isScriptUrl(value: string): boolean {
  const normalized = normalizeUrl(value);
  const scheme = schemeOf(normalized);
  if (scheme === null) {
    return false;
  }
  return SCRIPT_SCHEMES.indexOf(scheme) >= 0
    || (scheme === 'data' && /^data:(text\/html|application\/xhtml|text\/xml|application\/xml|image\/svg)/.test(normalized));
}

/** A canvas image or an rrweb data URL (`rr_dataURL`): a data: image only. */
export function isImageDataUrl(value: string): boolean {
  return /^data:image\/(png|jpe?g|gif|webp|bmp|avif)[;,]/.test(normalizeUrl(value));
}
