// A second line of defence behind rrweb's own masking: every event is checked against the live DOM before it is
// sent. rrweb masks a field's current value but copies attributes as they are, so for example an input whose
// server-rendered value="4111…" the visitor has cleared would still carry the number in its `value` attribute.
import {
  attributes as SerializedAttributes,
  EventType,
  eventWithTime,
  IncrementalSource,
  NodeType,
  serializedNodeWithId,
} from '@rrweb/types';
import { MASK, MaskPolicy } from './masking';

export interface NodeLookup {
  getNode(id: number): Node | null;
}

/** Attributes that may carry what the visitor typed or what a masked element shows. */
const SENSITIVE_ATTRIBUTES = ['value', 'title', 'alt', 'aria-label', 'aria-valuetext', 'aria-description', 'label',
  'data-value'];
const FIELD_TAGS = ['input', 'textarea', 'select', 'option'];

/** Rewrites the event in place so that nothing masked by the policy remains in it. */
export function sanitizeEvent(event: eventWithTime, policy: MaskPolicy, nodes: NodeLookup): void {
  if (event.type === EventType.FullSnapshot) {
    sanitizeTree(event.data.node, null, policy, nodes);
    return;
  }
  if (event.type !== EventType.IncrementalSnapshot) {
    return;
  }
  const data = event.data;
  if (data.source === IncrementalSource.Mutation) {
    data.adds.forEach((add) => sanitizeTree(add.node, parentElement(nodes.getNode(add.parentId)), policy, nodes));
    data.attributes.forEach((change) => {
      const element = asElement(nodes.getNode(change.id));
      if (isMasked(element, tagOf(element), policy)) {
        maskAttributes(change.attributes as Record<string, unknown>);
      }
    });
    data.texts.forEach((change) => {
      const node = nodes.getNode(change.id);
      if (change.value && policy.isMaskedText(parentElement(node)) && !isStyleOrScript(parentElement(node))) {
        change.value = policy.maskText(change.value);
      }
    });
  } else if (data.source === IncrementalSource.Input) {
    const element = asElement(nodes.getNode(data.id));
    if (!element || policy.isMaskedField(element)) {
      data.text = data.text ? MASK : '';
      data.isChecked = false;
    }
  }
}

function sanitizeTree(node: serializedNodeWithId, parent: Element | null, policy: MaskPolicy, nodes: NodeLookup): void {
  if (node.type === NodeType.Element) {
    const element = asElement(nodes.getNode(node.id));
    markSelectedOption(node.attributes, element, policy);
    if (isMasked(element, node.tagName, policy)) {
      maskAttributes(node.attributes);
    }
    node.childNodes.forEach((child) => sanitizeTree(child, element, policy, nodes));
  } else if (node.type === NodeType.Document) {
    node.childNodes.forEach((child) => sanitizeTree(child, null, policy, nodes));
  } else if (node.type === NodeType.Text || node.type === NodeType.CDATA) {
    const text = node.type === NodeType.Text ? node.textContent : '';
    if (text && policy.isMaskedText(parent) && !isStyleOrScript(parent)) {
      (node as { textContent: string }).textContent = policy.maskText(text);
    }
  }
}

/**
 * rrweb records a select's choice only as its `value` attribute (which the replayer cannot apply) once select values
 * go through maskInputFn, so the mirror would show the first option. The chosen option of a select the policy does
 * not mask is marked `selected`, as the page shows it.
 */
function markSelectedOption(attributes: SerializedAttributes, element: Element | null, policy: MaskPolicy): void {
  if (!element || element.tagName !== 'OPTION' || !(element as HTMLOptionElement).selected) {
    return;
  }
  const select = element.closest('select');
  if (select && !policy.isMaskedField(select) && !policy.isMaskedField(element)) {
    attributes.selected = true;
  }
}

/**
 * A node rrweb no longer knows (removed again before the event was emitted) is judged by its tag alone: its form
 * values are masked, since nothing proves they are safe.
 */
function isMasked(element: Element | null, tagName: string, policy: MaskPolicy): boolean {
  if (!element) {
    return FIELD_TAGS.indexOf(tagName.toLowerCase()) >= 0;
  }
  return policy.isMaskedField(element);
}

function maskAttributes(attributes: SerializedAttributes | Record<string, unknown>): void {
  const map = attributes as Record<string, unknown>;
  for (const name of SENSITIVE_ATTRIBUTES) {
    const value = map[name];
    if (typeof value === 'string' && value !== '') {
      map[name] = MASK;
    }
  }
  if ('checked' in map) {
    delete map.checked;
  }
  if ('selected' in map) {
    delete map.selected;
  }
}

function asElement(node: Node | null): Element | null {
  return node && node.nodeType === 1 ? (node as Element) : null;
}

function parentElement(node: Node | null): Element | null {
  if (!node) {
    return null;
  }
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

function tagOf(element: Element | null): string {
  return element ? element.tagName : '';
}

function isStyleOrScript(element: Element | null): boolean {
  const tag = element ? element.tagName.toUpperCase() : '';
  return tag === 'STYLE' || tag === 'SCRIPT';
}
