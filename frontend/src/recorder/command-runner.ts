// Carries out the commands of the agent in control, after checking each one again: the server relays only commands
// of the agent the visitor let in, but this script trusts nothing it receives. Only known actions, only on nodes
// rrweb mirrored that are still in the document, only what the restrictions allow, only while control is granted.
import { record } from '@rrweb/record';
import { CommandNotice, RejectionReason } from '../protocol/messages';
import { isInert, isMaskedTarget, isRestricted } from './command-checks';
import { isSelect, isTextField, isToggle } from '../shared/form-fields';
import { clickElement, fitToField, focusElement, scrollNode, setChecked, setFieldValue } from './dom-actions';
import { MaskPolicy } from './masking';

const ELEMENT_ACTIONS = ['click', 'focus', 'input', 'select', 'check'];

export class CommandRunner {
  /**
   * @param policy  the masking and restriction rules of the page being shared (null before sharing starts)
   * @param masked  told about every attempt on a masked field (the API's onMaskedElement)
   */
  constructor(private readonly policy: () => MaskPolicy | null, private readonly masked: (element: Element) => void) {}

  /** Acts on one command; returns why it was refused, or null when it was carried out. */
  run(command: CommandNotice, holderId: string | null): RejectionReason | null {
    if (!holderId || command.userId !== holderId) {
      return 'not_granted';
    }
    if (command.action === 'history') {
      return goThroughHistory(command.direction);
    }
    if (command.action === 'scroll') {
      return this.scroll(command);
    }
    if (ELEMENT_ACTIONS.indexOf(command.action) < 0) {
      return 'unknown_action';
    }
    const policy = this.policy();
    const node = mirroredNode(command.node);
    if (!policy || !node || node.nodeType !== 1) {
      return 'unknown_node';
    }
    const element = node as Element;
    if (isRestricted(element, policy)) {
      return 'restricted';
    }
    if (isMaskedTarget(element, policy)) {
      this.masked(element);
      return 'masked';
    }
    return act(command, element);
  }

  private scroll(command: CommandNotice): RejectionReason | null {
    const x = command.x;
    const y = command.y;
    if (typeof x !== 'number' || typeof y !== 'number' || !isFinite(x) || !isFinite(y)) {
      return 'unknown_action';
    }
    if (command.node === undefined || command.node === null) {
      scrollNode(null, x, y);
      return null;
    }
    const node = mirroredNode(command.node);
    if (!node || (node.nodeType !== 1 && node.nodeType !== 9)) {
      return 'unknown_node';
    }
    if (node !== document && node.ownerDocument !== document) {
      return 'restricted'; // a same-origin iframe's content: see isRestricted
    }
    scrollNode(node, x, y);
    return null;
  }
}

/** The element actions, once the element may be operated. An action that does not fit the element is unknown_node. */
function act(command: CommandNotice, element: Element): RejectionReason | null {
  switch (command.action) {
    case 'click':
      clickElement(element);
      return null;
    case 'focus':
      focusElement(element);
      return null;
    case 'input':
      if (typeof command.value !== 'string') {
        return 'unknown_action';
      }
      if (!isTextField(element)) {
        return 'unknown_node';
      }
      if (isInert(element)) {
        return 'restricted';
      }
      setFieldValue(element, fitToField(element, command.value));
      return null;
    case 'select': {
      const value = command.value;
      if (typeof value !== 'string') {
        return 'unknown_action';
      }
      if (!isSelect(element) || !Array.from(element.options).some((o) => o.value === value && !o.disabled)) {
        return 'unknown_node';
      }
      if (isInert(element)) {
        return 'restricted';
      }
      setFieldValue(element, value);
      return null;
    }
    case 'check':
      if (typeof command.checked !== 'boolean') {
        return 'unknown_action';
      }
      if (!isToggle(element)) {
        return 'unknown_node';
      }
      if (isInert(element)) {
        return 'restricted';
      }
      setChecked(element, command.checked);
      return null;
    default:
      return 'unknown_action';
  }
}

/** A node rrweb mirrored under this id that is still part of the document. */
function mirroredNode(id: unknown): Node | null {
  if (typeof id !== 'number' || !isFinite(id)) {
    return null;
  }
  const node = record.mirror.getNode(id);
  if (!node || !node.isConnected || record.mirror.getId(node) !== id) {
    return null;
  }
  return node;
}

function goThroughHistory(direction: unknown): RejectionReason | null {
  switch (direction) {
    case 'back':
      history.back();
      return null;
    case 'forward':
      history.forward();
      return null;
    case 'reload':
      location.reload();
      return null;
    default:
      return 'unknown_action';
  }
}
