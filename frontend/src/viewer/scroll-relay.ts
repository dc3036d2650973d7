// Scrolls of the mirrored page that the agent made become `scroll` commands, at most every 100 ms per target. The
// replayer scrolls the mirror too, following the customer; sending those back would fight the customer's own
// scrolling, so only scrolls within a second of the agent's wheel, key, press or touch count as the agent's.

const GESTURE_WINDOW_MS = 1000;
const SCROLL_INTERVAL_MS = 100;

interface ScrollSurface {
  nodeId(node: Node): number;
}

interface ScrollSink {
  command(fields: Record<string, unknown> & { action: string }): void;
}

export class ScrollRelay {
  private lastGesture = 0;
  private readonly pending = new Set<Node>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly surface: ScrollSurface, private readonly sink: ScrollSink) {}

  /** The agent used the wheel, a key, a mouse button or a finger on the mirrored page. */
  gesture(): void {
    this.lastGesture = Date.now();
  }

  /** The mirrored document or an element of it scrolled. */
  scrolled(target: Node | null): void {
    if (!target || Date.now() - this.lastGesture > GESTURE_WINDOW_MS) {
      return;
    }
    this.pending.add(target);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), SCROLL_INTERVAL_MS);
    }
  }

  stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.pending.clear();
  }

  private flush(): void {
    this.timer = null;
    const targets = Array.from(this.pending);
    this.pending.clear();
    for (const target of targets) {
      try {
        this.send(target);
      } catch {
        // a document torn down by a new snapshot: its scroll no longer matters
      }
    }
  }

  private send(target: Node): void {
    if (target.nodeType === 9) {
      const view = (target as Document).defaultView;
      if (view) {
        this.sink.command({ action: 'scroll', x: Math.round(view.scrollX), y: Math.round(view.scrollY) });
      }
    } else if (target.nodeType === 1) {
      const element = target as Element;
      const node = this.surface.nodeId(element);
      if (node >= 0) {
        this.sink.command({ action: 'scroll', node, x: element.scrollLeft, y: element.scrollTop });
      }
    }
  }
}
