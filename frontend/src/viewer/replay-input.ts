// The agent's mouse and keyboard on the mirrored page. Pointer mode: moves and clicks become `pointer` frames, and
// nothing reaches the mirrored page (the iframe ignores the mouse; keys are cancelled). Write mode: the mirrored page
// takes the agent's input like a page would (the typed text shows in the field, a checkbox toggles) and each gesture
// is sent as a command naming the rrweb node. Every listener lives in this parent page: the sandboxed iframe runs no
// script, and only events the browser marks as trusted (the agent's own) count, not those the replayer dispatches.
import { Logger } from '../protocol/log';
import { isFieldLabel, isFormField, isSelect, isTextField, isToggle, linkOf } from '../shared/form-fields';
import { nodeOffsetAt, parentToFrame, Point } from '../shared/node-point';
import { ScrollRelay } from './scroll-relay';

/** At most 20 pointer frames a second. */
const POINTER_INTERVAL_MS = 50;
const MIRROR_EVENTS = ['mousemove', 'click', 'mousedown', 'keydown', 'wheel', 'touchstart', 'focusin', 'input', 'change',
  'scroll', 'submit'];

/** What ReplayInput needs of the replay (LiveReplay). */
export interface ReplaySurface {
  readonly iframe: HTMLIFrameElement | null;
  nodeId(node: Node): number;
  setInteractive(on: boolean): void;
  holdEcho(nodeId: number): void;
}

export interface AgentGestures {
  pointer(node: number, x: number, y: number, kind: 'move' | 'click'): void;
  command(fields: Record<string, unknown> & { action: string }): void;
}

export class ReplayInput {
  private writeMode = false;
  private lastPointerAt = 0;
  private pendingMove: { doc: Document; point: Point } | null = null;
  private moveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly scrolls: ScrollRelay;
  private readonly onMirrorEvent = (event: Event) => this.safely(() => this.mirrorEvent(event));
  private readonly onParentEvent = (event: MouseEvent) => this.safely(() => this.parentEvent(event));

  constructor(private readonly container: HTMLElement, private readonly surface: ReplaySurface,
    private readonly gestures: AgentGestures, private readonly log: Logger) {
    this.scrolls = new ScrollRelay(surface, gestures);
    container.addEventListener('mousemove', this.onParentEvent);
    container.addEventListener('click', this.onParentEvent);
  }

  /** A snapshot was rebuilt into `doc`, which erased its listeners: listen again. */
  attach(doc: Document): void {
    MIRROR_EVENTS.forEach((type) => doc.addEventListener(type, this.onMirrorEvent, true));
    this.surface.setInteractive(this.writeMode); // the replay iframe may be new
  }

  setWriteMode(on: boolean): void {
    this.writeMode = on;
    this.surface.setInteractive(on);
  }

  destroy(): void {
    this.setWriteMode(false);
    this.container.removeEventListener('mousemove', this.onParentEvent);
    this.container.removeEventListener('click', this.onParentEvent);
    if (this.moveTimer) {
      clearTimeout(this.moveTimer);
    }
    this.scrolls.stop();
  }

  /** Over the mirrored page in pointer mode (the iframe lets the mouse through to this page). */
  private parentEvent(event: MouseEvent): void {
    const iframe = this.surface.iframe;
    const doc = iframe ? iframe.contentDocument : null;
    const point = iframe && doc ? parentToFrame(iframe, { x: event.clientX, y: event.clientY }) : null;
    if (doc && point) {
      this.pointerAt(doc, point, event.type === 'click' ? 'click' : 'move');
    }
  }

  /** Inside the mirrored page: write mode, or keys that must not reach it in pointer mode. */
  private mirrorEvent(event: Event): void {
    if (event.type === 'submit') {
      event.preventDefault(); // the mirror never submits anything by itself
    }
    if (!event.isTrusted) {
      return; // dispatched by the replayer while it follows the customer, not done by the agent
    }
    const target = event.target as Node | null;
    if (event.type === 'keydown' || event.type === 'mousedown' || event.type === 'wheel' || event.type === 'touchstart') {
      this.scrolls.gesture();
      if (!this.writeMode) {
        event.preventDefault(); // pointer mode: the agent cannot type or press into the mirror
      }
      return;
    }
    if (event.type === 'scroll') {
      if (this.writeMode) {
        this.scrolls.scrolled(target);
      }
      return;
    }
    const element = target && target.nodeType === 1 ? target as Element : null;
    const mouse = event as MouseEvent;
    // A click from the keyboard (Enter on a link) has no position: it shows no pointer.
    if (event.type === 'mousemove' || (event.type === 'click' && mouse.detail > 0)) {
      const doc = element ? element.ownerDocument : null;
      if (doc) {
        this.pointerAt(doc, { x: mouse.clientX, y: mouse.clientY }, event.type === 'click' ? 'click' : 'move');
      }
    }
    if (!element) {
      return;
    }
    if (!this.writeMode) {
      if (event.type === 'click') {
        event.preventDefault();
      }
      return;
    }
    this.writeGesture(event, element);
  }

  private writeGesture(event: Event, element: Element): void {
    const node = this.surface.nodeId(element);
    if (event.type === 'click') {
      const link = linkOf(element);
      const button = element.closest('button, input[type=submit], input[type=image]') as HTMLInputElement | null;
      if (link || (button && (button.type === 'submit' || button.type === 'image'))) {
        event.preventDefault(); // the customer's page follows the link (or refuses the submit), not the mirror
      }
      if (node >= 0 && !isFormField(element) && !isFieldLabel(element)) {
        this.gestures.command({ action: 'click', node });
      }
    } else if (node < 0) {
      return;
    } else if (event.type === 'focusin' && isFormField(element)) {
      this.gestures.command({ action: 'focus', node });
    } else if (event.type === 'input' && isTextField(element)) {
      this.surface.holdEcho(node);
      this.gestures.command({ action: 'input', node, value: element.value });
    } else if (event.type === 'change' && isSelect(element)) {
      this.gestures.command({ action: 'select', node, value: element.value });
    } else if (event.type === 'change' && isToggle(element)) {
      this.gestures.command({ action: 'check', node, checked: element.checked });
    }
  }

  /** Sends the pointer at `point` of the mirrored page: clicks at once, moves at most every 50 ms. */
  private pointerAt(doc: Document, point: Point, kind: 'move' | 'click'): void {
    if (kind === 'click') {
      this.sendPointer(doc, point, 'click');
      return;
    }
    this.pendingMove = { doc, point };
    const wait = POINTER_INTERVAL_MS - (Date.now() - this.lastPointerAt);
    if (wait <= 0) {
      this.flushMove();
    } else if (!this.moveTimer) {
      this.moveTimer = setTimeout(() => this.safely(() => this.flushMove()), wait);
    }
  }

  private flushMove(): void {
    this.moveTimer = null;
    const move = this.pendingMove;
    this.pendingMove = null;
    if (move) {
      this.sendPointer(move.doc, move.point, 'move');
    }
  }

  private sendPointer(doc: Document, point: Point, kind: 'move' | 'click'): void {
    const at = nodeOffsetAt(doc, point);
    const node = at ? this.surface.nodeId(at.element) : -1;
    if (at && node >= 0) {
      this.lastPointerAt = Date.now();
      this.gestures.pointer(node, at.x, at.y, kind);
    }
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log.debug('replay input failed', e);
    }
  }
}
