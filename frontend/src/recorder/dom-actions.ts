// What an agent in write mode does to the visitor's page, done the way a person's input does it so that the page's
// own listeners (and frameworks such as React) see ordinary events. Nothing here evaluates code or writes markup:
// values are set as properties, clicks are dispatched on elements that are already in the page.
import { TextField } from '../shared/form-fields';

/** Presses on an element: pointer and mouse down/up at its centre, focus, then the click with its default action. */
export function clickElement(element: Element): void {
  const box = element.getBoundingClientRect();
  const init: MouseEventInit = {
    bubbles: true, cancelable: true, composed: true, button: 0, buttons: 1,
    clientX: box.left + box.width / 2, clientY: box.top + box.height / 2,
  };
  if (typeof PointerEvent === 'function') {
    element.dispatchEvent(new PointerEvent('pointerdown', { ...init, pointerId: 1, isPrimary: true }));
  }
  element.dispatchEvent(new MouseEvent('mousedown', init));
  focusElement(element);
  if (typeof PointerEvent === 'function') {
    element.dispatchEvent(new PointerEvent('pointerup', { ...init, buttons: 0, pointerId: 1, isPrimary: true }));
  }
  element.dispatchEvent(new MouseEvent('mouseup', { ...init, buttons: 0 }));
  const clickable = element as HTMLElement;
  if (typeof clickable.click === 'function') {
    clickable.click(); // runs the element's activation: follows a link, toggles a checkbox, presses a button
  } else {
    element.dispatchEvent(new MouseEvent('click', { ...init, buttons: 0 }));
  }
}

/** Focuses the element if it can take focus; the browser fires blur on the previous one and focus on this one. */
export function focusElement(element: Element): void {
  const focusable = element as HTMLElement;
  if (typeof focusable.focus === 'function' && element.ownerDocument.activeElement !== element) {
    focusable.focus();
  }
}

/**
 * Replaces a field's value the way typing does: through the native setter of the element's prototype (a React
 * controlled input keeps its own tracker on the instance, which a plain assignment would update too, hiding the
 * change from React), then bubbling `input` and `change` events.
 */
export function setFieldValue(element: TextField | HTMLSelectElement, value: string): void {
  focusElement(element);
  const setter = nativeValueSetter(element);
  if (setter) {
    setter.call(element, value);
  } else {
    element.value = value;
  }
  const input = typeof InputEvent === 'function'
    ? new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertReplacementText', data: value })
    : new Event('input', { bubbles: true, composed: true });
  element.dispatchEvent(input);
  element.dispatchEvent(new Event('change', { bubbles: true }));
}

/** A person cannot type past maxlength: neither can an agent. */
export function fitToField(element: TextField, value: string): string {
  const max = element.maxLength;
  return typeof max === 'number' && max >= 0 ? value.slice(0, max) : value;
}

/** Checks or unchecks like a click would (firing click, input and change). A radio cannot be unchecked by clicking. */
export function setChecked(element: HTMLInputElement, checked: boolean): void {
  if (element.checked === checked || (element.type === 'radio' && !checked)) {
    return;
  }
  focusElement(element);
  element.click();
}

/** Scrolls the window of a document node, or an element. */
export function scrollNode(node: Node | null, x: number, y: number): void {
  if (!node || node.nodeType === 9) {
    const view = node ? (node as Document).defaultView : window;
    if (view) {
      view.scrollTo(x, y);
    }
    return;
  }
  const element = node as Element;
  element.scrollLeft = x;
  element.scrollTop = y;
}

/** The `value` setter of the element's own prototype chain, skipping anything defined on the instance itself. */
function nativeValueSetter(element: Element): ((value: string) => void) | null {
  for (let proto = Object.getPrototypeOf(element); proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, 'value');
    if (descriptor && typeof descriptor.set === 'function') {
      return descriptor.set as (value: string) => void;
    }
  }
  return null;
}
