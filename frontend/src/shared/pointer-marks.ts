// Other participants' pointers (an arrow labelled with the name) and click marks (a red circle that fades in about
// 2 s), drawn into a layer the caller places. Used on the visitor's page and in the agent view. Only textContent and
// inline styles are written: names come from the server and are never parsed as HTML.

const CLICK_MARK_MS = 2000;
/** A pointer that has not moved for this long is hidden: its owner is probably looking elsewhere. */
const IDLE_POINTER_MS = 10000;
const COLOURS = ['#7c3aed', '#0891b2', '#db2777', '#ea580c', '#16a34a', '#2563eb'];
const ARROW_PATH = 'M1 1 L1 15 L5 11 L8 18 L10.5 17 L7.5 10 L13 10 Z';
const SVG_NS = 'http://www.w3.org/2000/svg';

interface ShownPointer {
  element: HTMLElement;
  label: HTMLElement;
  idleTimer: ReturnType<typeof setTimeout> | null;
}

export class PointerMarks {
  private readonly pointers = new Map<string, ShownPointer>();

  /**
   * @param layer  a 0×0 element at the origin of the coordinates passed in; marks are absolutely positioned in it
   * @param classes extra classes for every element drawn (the visitor's page adds rrweb's block class)
   */
  constructor(private readonly layer: HTMLElement, private readonly classes: string) {}

  /** Moves (or first draws) the pointer of `userId` to x, y in layer coordinates. */
  movePointer(userId: string, name: string, x: number, y: number): void {
    let shown = this.pointers.get(userId);
    if (!shown) {
      shown = this.drawPointer(userId);
      this.pointers.set(userId, shown);
    }
    shown.label.textContent = name || 'Agent';
    shown.element.style.display = 'block';
    shown.element.style.transform = 'translate(' + Math.round(x) + 'px,' + Math.round(y) + 'px)';
    if (shown.idleTimer) {
      clearTimeout(shown.idleTimer);
    }
    const element = shown.element;
    shown.idleTimer = setTimeout(() => (element.style.display = 'none'), IDLE_POINTER_MS);
  }

  /** A red circle centred on x, y that fades out and is removed. */
  showClick(x: number, y: number): void {
    const mark = this.create('div', 'gcb-pointer-click');
    mark.style.cssText = 'position:absolute;left:' + Math.round(x - 14) + 'px;top:' + Math.round(y - 14) + 'px;'
      + 'width:28px;height:28px;box-sizing:border-box;border:3px solid #dc2626;border-radius:50%;'
      + 'background:rgba(220,38,38,.18);pointer-events:none;opacity:1;transition:opacity 1.4s ease-in .6s;';
    this.layer.appendChild(mark);
    // Start the fade on the next frame so the transition runs from fully visible.
    setTimeout(() => (mark.style.opacity = '0'), 20);
    setTimeout(() => mark.remove(), CLICK_MARK_MS + 100);
  }

  remove(userId: string): void {
    const shown = this.pointers.get(userId);
    if (shown) {
      if (shown.idleTimer) {
        clearTimeout(shown.idleTimer);
      }
      shown.element.remove();
      this.pointers.delete(userId);
    }
  }

  clear(): void {
    Array.from(this.pointers.keys()).forEach((id) => this.remove(id));
    this.layer.textContent = '';
  }

  private drawPointer(userId: string): ShownPointer {
    const colour = COLOURS[hash(userId) % COLOURS.length];
    const element = this.create('div', 'gcb-pointer');
    element.setAttribute('data-user-id', userId);
    element.style.cssText = 'position:absolute;left:0;top:0;pointer-events:none;transition:transform 60ms linear;';
    const arrow = document.createElementNS(SVG_NS, 'svg');
    arrow.setAttribute('width', '16');
    arrow.setAttribute('height', '20');
    arrow.setAttribute('viewBox', '0 0 16 20');
    arrow.style.cssText = 'display:block;overflow:visible;';
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', ARROW_PATH);
    path.setAttribute('fill', colour);
    path.setAttribute('stroke', '#fff');
    path.setAttribute('stroke-width', '1.2');
    arrow.appendChild(path);
    const label = this.create('span', 'gcb-pointer-name');
    label.style.cssText = 'position:absolute;left:14px;top:16px;white-space:nowrap;padding:2px 6px;border-radius:4px;'
      + 'font:600 12px/1.3 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#fff;background:' + colour;
    element.append(arrow, label);
    this.layer.appendChild(element);
    return { element, label, idleTimer: null };
  }

  private create(tag: string, className: string): HTMLElement {
    const element = document.createElement(tag);
    element.className = className + (this.classes ? ' ' + this.classes : '');
    return element;
  }
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) {
    h = (h * 31 + text.charCodeAt(i)) | 0;
  }
  return Math.abs(h);
}
