// Other agents' pointers over the agent's view of the customer's page, labelled by name, with a red circle where they
// click. The customer's own pointer is rrweb's replayed mouse. Drawn in this page, above the replay, never inside the
// mirrored page.
import { PointerNotice } from '../protocol/messages';
import { pointInViewport } from '../shared/node-point';
import { PointerMarks } from '../shared/pointer-marks';

const LAYER_CLASS = 'cobrowse-pointers';

interface MirrorLookup {
  nodeById(id: number): Node | null;
}

export class PointerLayer {
  private readonly layer: HTMLElement;
  private readonly marks: PointerMarks;

  constructor(private readonly container: HTMLElement, private readonly mirror: MirrorLookup) {
    container.querySelectorAll('.' + LAYER_CLASS).forEach((old) => old.remove());
    this.layer = document.createElement('div');
    this.layer.className = LAYER_CLASS;
    this.layer.setAttribute('aria-hidden', 'true');
    this.layer.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;overflow:visible;'
      + 'pointer-events:none;z-index:10;';
    container.appendChild(this.layer);
    this.marks = new PointerMarks(this.layer, '');
  }

  show(pointer: PointerNotice): void {
    if (typeof pointer.userId !== 'string' || typeof pointer.node !== 'number') {
      return;
    }
    const node = this.mirror.nodeById(pointer.node);
    const element = !node ? null : node.nodeType === 1 ? node as Element : node.parentElement;
    const point = element ? pointInViewport(element, Number(pointer.x), Number(pointer.y), window) : null;
    if (!point) {
      return;
    }
    const box = this.container.getBoundingClientRect();
    const x = point.x - box.left - this.container.clientLeft;
    const y = point.y - box.top - this.container.clientTop;
    this.marks.movePointer(pointer.userId, String(pointer.name || ''), x, y);
    if (pointer.kind === 'click') {
      this.marks.showClick(x, y);
    }
  }

  remove(userId: string): void {
    this.marks.remove(userId);
  }

  destroy(): void {
    this.marks.clear();
    this.layer.remove();
  }
}
