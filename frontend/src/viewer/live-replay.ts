// Mirrors the customer's page from `dom` frames with rrweb's live Replayer, scaled to fit its container.
import { Replayer } from '@rrweb/replay';
import { EventType, eventWithTime } from '@rrweb/types';
import { DomNotice } from '../protocol/messages';
import { Logger } from '../protocol/log';
import { LiveClock } from './live-clock';

export interface ReplayHooks {
  /** The first full snapshot is on screen. */
  rendered(): void;
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
    events.forEach((e) => (newest = Math.max(newest, e.timestamp || 0)));
    clock.observe(newest, Date.now());
    for (const event of events) {
      if (event.type === EventType.Meta) {
        this.hooks.page(String(event.data.href || ''));
      }
      event.timestamp = clock.map(event.timestamp);
      this.replayer!.addEvent(event);
    }
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
    if (!this.renderedOnce) {
      this.renderedOnce = true;
      this.hooks.rendered();
    }
  }

  /** Scales the mirrored viewport to fit the container, centred, keeping its aspect ratio. */
  private fit(): void {
    if (!this.width || !this.height) {
      return;
    }
    const availableWidth = this.container.clientWidth;
    if (this.autoHeight === null) {
      this.autoHeight = !this.container.clientHeight;
    }
    const autoHeight = this.autoHeight;
    const availableHeight = autoHeight ? this.height : this.container.clientHeight;
    const scale = Math.min(availableWidth / this.width, availableHeight / this.height) || 1;
    if (autoHeight) {
      // A container without a height of its own (an embed without CSS) takes the height of the scaled page.
      this.container.style.height = Math.ceil(this.height * scale) + 'px';
    }
    const left = Math.max(0, (availableWidth - this.width * scale) / 2);
    const top = autoHeight ? 0 : Math.max(0, (availableHeight - this.height * scale) / 2);
    this.stage.style.width = this.width + 'px';
    this.stage.style.height = this.height + 'px';
    this.stage.style.transform = 'translate(' + left + 'px,' + top + 'px) scale(' + scale + ')';
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
