// Mirrors the customer's page from `dom` frames with rrweb's live Replayer, scaled to fit its container. The
// mirrored page stays inert (a sandboxed iframe without scripts); in write mode it takes the agent's mouse and keys,
// which the parent page listens to and turns into commands.
import { Replayer } from '@rrweb/replay';
import { EventType, eventWithTime } from '@rrweb/types';
import { DomNotice } from '../protocol/messages';
import { Logger } from '../protocol/log';
import { EchoFilter } from './echo-filter';
import { LiveClock } from './live-clock';
import { EventSanitizer } from './sanitize-events';
import { fitStage } from './stage-fit';

export interface ReplayHooks {
  /** The first full snapshot is on screen. */
  rendered(): void;
  /** A full snapshot was rebuilt into `doc` (listeners on it were erased). */
  rebuilt(doc: Document): void;
  page(url: string): void;
  viewport(width: number, height: number): void;
  /** The replay cannot run safely (its iframe would allow scripts). */
  failed(reason: string): void;
}

export class LiveReplay {
  private replayer: Replayer | null = null;
  private clock: LiveClock | null = null;
  private readonly stage: HTMLDivElement;
  private lastSeq = 0;
  private width = 0;
  private height = 0;
  private renderedOnce = false;
  /** Whether the container had no height of its own, so that it follows the scaled page's height. */
  private autoHeight: boolean | null = null;
  private readonly resizeObserver: ResizeObserver | null;
  private readonly echoes = new EchoFilter();
  /** Cleans every customer event before the replayer sees it: the customer's socket is not trusted. */
  private readonly sanitizer = new EventSanitizer();

  constructor(private readonly container: HTMLElement, private readonly hooks: ReplayHooks,
    private readonly log: Logger) {
    if (getComputedStyle(container).position === 'static') {
      container.style.position = 'relative';
    }
    container.style.overflow = 'hidden';
    // A container reused for a new join: the previous session's view goes.
    container.querySelectorAll('.cobrowse-replay-stage').forEach((old) => old.remove());
    this.stage = document.createElement('div');
    this.stage.className = 'cobrowse-replay-stage';
    this.stage.style.cssText = 'position:absolute;left:0;top:0;transform-origin:0 0;';
    container.appendChild(this.stage);
    this.resizeObserver = typeof ResizeObserver === 'function' ? new ResizeObserver(() => this.fit()) : null;
    if (this.resizeObserver) {
      this.resizeObserver.observe(container);
    }
  }

  /** Feeds one `dom` frame. Frames already applied (seen again after a resume) are skipped unless they re-snapshot. */
  accept(frame: DomNotice): void {
    const events = (Array.isArray(frame.events) ? frame.events : []) as eventWithTime[];
    if (!frame.snapshot && (!this.replayer || frame.seq <= this.lastSeq)) {
      return; // nothing to apply it to yet, or a duplicate
    }
    this.lastSeq = frame.seq;
    if (!events.length) {
      return;
    }
    if (!this.replayer && !this.create()) {
      return;
    }
    const clock = this.clock!;
    let newest = 0;
    events.forEach((e) => (newest = Math.max(newest, (e && e.timestamp) || 0)));
    clock.observe(newest, Date.now());
    for (const event of events) {
      if (!this.sanitizer.sanitize(event)) {
        continue;
      }
      if (event.type === EventType.Meta) {
        this.hooks.page(String(event.data.href || ''));
      }
      event.timestamp = clock.map(event.timestamp);
      if (!this.echoes.skips(event)) {
        this.replayer!.addEvent(event);
      }
    }
  }

  /** The replay iframe, once the first snapshot created it. */
  get iframe(): HTMLIFrameElement | null {
    return this.replayer ? this.replayer.iframe : null;
  }

  /** The rrweb id of a mirrored node (-1 for anything else), and back. */
  nodeId(node: Node): number {
    return this.replayer ? this.replayer.getMirror().getId(node) : -1;
  }

  nodeById(id: number): Node | null {
    return this.replayer ? this.replayer.getMirror().getNode(id) : null;
  }

  /** Write mode lets the agent's mouse and keys reach the mirrored page; pointer mode keeps them out. */
  setInteractive(on: boolean): void {
    if (this.replayer) {
      if (on) {
        this.replayer.enableInteract();
      } else {
        this.replayer.disableInteract();
      }
    }
  }

  /** The agent is typing into this mirrored field: the customer's echoes of it are skipped for a moment. */
  holdEcho(nodeId: number): void {
    this.echoes.hold(nodeId);
  }

  destroy(): void {
    if (this.resizeObserver) {
      this.resizeObserver.disconnect();
    }
    if (this.replayer) {
      try {
        this.replayer.destroy();
      } catch (e) {
        this.log.debug('replay teardown', e);
      }
      this.replayer = null;
    }
    this.stage.remove();
  }

  private create(): boolean {
    const replayer = new Replayer([], {
      root: this.stage,
      liveMode: true,
      useVirtualDom: false,
      mouseTail: false,
      triggerFocus: false,
      UNSAFE_replayCanvas: false,
      showWarning: false,
      logger: { log: (...a: unknown[]) => this.log.debug(...a), warn: (...a: unknown[]) => this.log.debug(...a) },
    });
    if (!hasSafeSandbox(replayer.iframe)) {
      replayer.destroy();
      this.hooks.failed('unsafe_sandbox');
      return false;
    }
    replayer.on('resize', (size) => {
      const { width, height } = size as { width: number; height: number };
      this.width = width;
      this.height = height;
      this.fit();
      this.hooks.viewport(width, height);
    });
    replayer.on('fullsnapshot-rebuilded', (event) => this.afterRebuild(event as eventWithTime));
    this.replayer = replayer;
    this.clock = new LiveClock(Date.now());
    replayer.startLive(this.clock.baseline);
    return true;
  }

  private afterRebuild(event: eventWithTime): void {
    if (!this.replayer || !hasSafeSandbox(this.replayer.iframe)) {
      this.hooks.failed('unsafe_sandbox');
      this.destroy();
      return;
    }
    // Live mode keeps every event forever; what came before the newest full snapshot is never needed again.
    const events = this.replayer.service.state.context.events;
    const index = events.indexOf(event);
    if (index > 1) {
      events.splice(0, index - 1);
    }
    this.echoes.clear();
    if (!this.renderedOnce) {
      this.renderedOnce = true;
      this.hooks.rendered();
    }
    const doc = this.replayer.iframe.contentDocument;
    if (doc) {
      this.hooks.rebuilt(doc);
    }
  }

  private fit(): void {
    if (this.width && this.height) {
      if (this.autoHeight === null) {
        this.autoHeight = !this.container.clientHeight;
      }
      fitStage(this.container, this.stage, this.width, this.height, this.autoHeight);
    }
  }
}

/** The mirrored page must never run scripts: its iframe is sandboxed with allow-same-origin only. */
function hasSafeSandbox(iframe: HTMLIFrameElement | undefined): boolean {
  if (!iframe || !iframe.hasAttribute('sandbox')) {
    return false;
  }
  const tokens = (iframe.getAttribute('sandbox') || '').split(/\s+/).filter(Boolean);
  return tokens.indexOf('allow-scripts') < 0;
}
