// Agents' pointers on the visitor's page, labelled by name, and a red circle where an agent clicked. The layer is a
// fixed 0×0 box carrying rrweb's block class, so it is never mirrored back to the agents and never takes clicks.
import { record } from '@rrweb/record';
import { PointerNotice } from '../protocol/messages';
import { pointInViewport } from '../shared/node-point';
import { PointerMarks } from '../shared/pointer-marks';
import { BLOCK_CLASS } from './dom-stream';

export class PointerOverlay {
  private layer: HTMLElement | null = null;
  private marks: PointerMarks | null = null;

  /** Draws an agent's pointer (and click) at the node and offset it points at. */
  show(pointer: PointerNotice): void {
    if (typeof pointer.userId !== 'string' || typeof pointer.x !== 'number' || typeof pointer.y !== 'number') {
      return;
    }
    const element = mirroredElement(pointer.node);
    const point = element ? pointInViewport(element, pointer.x, pointer.y, window) : null;
    if (!point) {
      return;
    }
    const marks = this.mount();
    marks.movePointer(pointer.userId, String(pointer.name || 'Agent'), point.x, point.y);
    if (pointer.kind === 'click') {
      marks.showClick(point.x, point.y);
    }
  }

  remove(userId: string): void {
    if (this.marks) {
      this.marks.remove(userId);
    }
  }

  unmount(): void {
    if (this.marks) {
      this.marks.clear();
    }
    if (this.layer) {
      this.layer.remove();
    }
    this.layer = null;
    this.marks = null;
  }

  private mount(): PointerMarks {
    if (this.marks && this.layer && this.layer.isConnected) {
      return this.marks;
    }
    const layer = document.createElement('div');
    layer.id = 'gcb-pointers';
    layer.className = BLOCK_CLASS;
    layer.setAttribute('aria-hidden', 'true');
    layer.style.cssText = 'position:fixed;left:0;top:0;width:0;height:0;overflow:visible;pointer-events:none;'
      + 'z-index:2147483001;margin:0;padding:0;border:0;';
    document.body.appendChild(layer);
    this.layer = layer;
    this.marks = new PointerMarks(layer, BLOCK_CLASS);
    return this.marks;
  }
}

/** The element a pointer frame names: a mirrored node still in the page (a text node stands for its parent). */
function mirroredElement(id: unknown): Element | null {
  if (typeof id !== 'number') {
    return null;
  }
  const node = record.mirror.getNode(id);
  if (!node || !node.isConnected) {
    return null;
  }
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}
