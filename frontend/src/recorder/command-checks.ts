// Which elements an agent in write mode may operate: never the visitor's own co-browse UI or anything else rrweb
// blocks, never what a `disable` selector names, never a submit button (the visitor submits forms themselves), never a
// `javascript:` link; and never read or change a masked field.
import { BLOCK_CLASS } from './dom-stream';
import { isFormField, isTextField, linkOf, tagOf } from '../shared/form-fields';
import { MaskPolicy } from './masking';

const SUBMIT_INPUT_TYPES = ['submit', 'image'];
const XLINK_NS = 'http://www.w3.org/1999/xlink';

/** `button[type=submit]`, `input[type=submit|image]`, and buttons without a type inside a form (they submit it). */
export function isSubmitControl(element: Element): boolean {
  const tag = tagOf(element);
  if (tag === 'INPUT') {
    return SUBMIT_INPUT_TYPES.indexOf((element as HTMLInputElement).type) >= 0;
  }
  if (tag === 'BUTTON') {
    const button = element as HTMLButtonElement;
    const declared = (button.getAttribute('type') || '').trim().toLowerCase();
    return declared === 'submit' || (button.type === 'submit' && !!button.form);
  }
  return false;
}

/**
 * Whether the element, or what operating it would activate, is off limits for agents. Elements of other documents
 * (same-origin iframes, which rrweb mirrors too) are: the restrictions of the frame around them cannot be checked.
 */
export function isRestricted(element: Element, policy: MaskPolicy): boolean {
  if (element.ownerDocument !== document) {
    return true;
  }
  const disable = policy.disableSelector;
  return activatedBy(element).some((target) => {
    try {
      return isSubmitControl(target)
        || target.closest('.' + BLOCK_CLASS) !== null
        || (disable !== null && target.closest(disable) !== null)
        || isScriptLink(target);
    } catch {
      return true; // a selector the browser rejects now: refuse rather than guess
    }
  });
}

/** Whether operating the element would read or change a masked field. */
export function isMaskedTarget(element: Element, policy: MaskPolicy): boolean {
  return activatedBy(element).some((target) => (isFormField(target) || tagOf(target) === 'INPUT')
    && policy.isMaskedField(target));
}

/** Disabled or read-only fields take no input from a person either. */
export function isInert(element: Element): boolean {
  const field = element as HTMLInputElement;
  return field.disabled === true || (isTextField(element) && field.readOnly === true);
}

/** The element itself, the button it sits in, and the control of the label it sits in (a click activates those). */
function activatedBy(element: Element): Element[] {
  const targets: Element[] = [element];
  const button = element.closest('button');
  if (button && button !== element) {
    targets.push(button);
  }
  const label = element.closest('label') as HTMLLabelElement | null;
  if (label && label.control) {
    targets.push(label.control);
  }
  return targets;
}

/** Links that would run code instead of navigating (HTML or SVG): an agent may only follow real links. */
function isScriptLink(element: Element): boolean {
  const link = linkOf(element);
  const href = link ? link.getAttribute('href') || link.getAttributeNS(XLINK_NS, 'href') : null;
  if (!link || href === null) {
    return false;
  }
  try {
    return new URL(href, link.baseURI).protocol === 'javascript:';
  } catch {
    return true; // a link the browser cannot read is not worth the risk
  }
}
