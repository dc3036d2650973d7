// What kind of form field an element is, judged the same way on both sides: the agent view decides which command a
// gesture on the mirrored page becomes, the visitor's page decides whether a command fits the element it names.
// Tag names and `type` are read rather than instanceof, which fails for elements of other frames.

export type TextField = HTMLInputElement | HTMLTextAreaElement;

/** Input types whose value is not typed text: they are clicked, checked or never touched. */
const NOT_TEXT_TYPES = ['checkbox', 'radio', 'file', 'submit', 'image', 'reset', 'button', 'hidden'];

export function tagOf(element: Element): string {
  return element.tagName.toUpperCase();
}

export function isTextField(element: Element): element is TextField {
  const tag = tagOf(element);
  if (tag === 'TEXTAREA') {
    return true;
  }
  return tag === 'INPUT' && NOT_TEXT_TYPES.indexOf((element as HTMLInputElement).type) < 0;
}

export function isToggle(element: Element): element is HTMLInputElement {
  if (tagOf(element) !== 'INPUT') {
    return false;
  }
  const type = (element as HTMLInputElement).type;
  return type === 'checkbox' || type === 'radio';
}

export function isSelect(element: Element): element is HTMLSelectElement {
  return tagOf(element) === 'SELECT';
}

/** Fields whose own events (focus, input, change) say what the agent did, rather than their clicks. */
export function isFormField(element: Element): boolean {
  return isTextField(element) || isToggle(element) || isSelect(element);
}

/** A label bound to a field: clicking it acts on the field, whose own events then tell what happened. */
export function isFieldLabel(element: Element): boolean {
  const label = element.closest('label') as HTMLLabelElement | null;
  return !!label && !!label.control;
}

/** The link (HTML or SVG, with or without an href yet) a click on this element would follow, if any. */
export function linkOf(element: Element): Element | null {
  return element.closest('a, area');
}
