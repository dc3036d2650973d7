// Records the page with rrweb and turns its events into `dom` frames: batched every ~50 ms, a full snapshot always
// starting its own frame (snapshot: true), every event masked and sanitised before it is serialised.
import { record } from '@rrweb/record';
import { EventType, eventWithTime } from '@rrweb/types';
import { Logger } from '../protocol/log';
import { AssetLinks } from './asset-links';
import { AssetRewriter } from './assets';
import { MaskPolicy } from './masking';
import { sanitizeEvent } from './sanitize';

const FLUSH_DELAY_MS = 50;
/** A batch this large is sent at once rather than waiting for the timer. */
const FLUSH_BYTES = 256 * 1024;
/** A new full snapshot every 5 minutes keeps the server's replay buffer (snapshot + what follows) bounded. */
const CHECKOUT_EVERY_MS = 5 * 60 * 1000;
/** Class of the built-in UI: rrweb blocks it (an empty placeholder), so it is never mirrored. */
export const BLOCK_CLASS = 'rr-block';

/** Every input type rrweb knows: all values go through maskInputFn, which decides per element. */
const ALL_INPUT_TYPES = ['color', 'date', 'datetime-local', 'email', 'month', 'number', 'range', 'search', 'tel',
  'text', 'time', 'url', 'week', 'textarea', 'select', 'password', 'hidden', 'file'];

/** Sends one serialised frame; false when it could not be sent (socket down). */
export type FrameSink = (frameText: string) => boolean;

export class DomStream {
  private stopRecording: (() => void) | null = null;
  private parts: string[] = [];
  private bytes = 0;
  private batchIsSnapshot = false;
  private batchHasFullSnapshot = false;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** Events are worthless until a full snapshot they apply to has been sent. */
  private waitingForSnapshot = true;
  /** Points asset URLs at the co-browse server; null when the session is not known yet (nothing rewritten). */
  private assets: AssetRewriter | null = null;

  constructor(private readonly policy: MaskPolicy, private readonly sink: FrameSink, private readonly log: Logger) {}

  /** Starts recording; rrweb emits the first full snapshot as soon as the document is parsed. */
  start(): void {
    if (this.stopRecording) {
      return;
    }
    this.policy.rememberPasswords(document);
    const links = AssetLinks.forThisPage(this.log);
    this.assets = links ? new AssetRewriter(links, record.mirror) : null;
    const maskInputOptions: Record<string, boolean> = {};
    ALL_INPUT_TYPES.forEach((type) => (maskInputOptions[type] = true));
    const stop = record({
      emit: (event: eventWithTime) => this.onEvent(event),
      checkoutEveryNms: CHECKOUT_EVERY_MS,
      blockClass: BLOCK_CLASS,
      maskInputOptions,
      maskInputFn: (text, element) => this.policy.maskInputValue(text, element),
      maskTextSelector: this.policy.maskSelector,
      maskTextFn: (text) => this.policy.maskText(text),
      slimDOMOptions: 'all',
      recordCanvas: false,
      collectFonts: false,
      inlineImages: false,
      recordAfter: 'DOMContentLoaded',
      sampling: { mousemove: 50, mousemoveCallback: 100, scroll: 100 },
      errorHandler: (error: unknown) => {
        this.log.debug('rrweb error', error);
        return true;
      },
    });
    this.stopRecording = stop || null;
  }

  stop(): void {
    const stop = this.stopRecording;
    this.stopRecording = null;
    this.clearBatch();
    this.waitingForSnapshot = true;
    if (stop) {
      try {
        stop();
      } catch (e) {
        this.log.debug('stopping rrweb failed', e);
      }
    }
  }

  /** Starts over with a new recording (new node ids, new snapshot), e.g. when masking rules may have changed. */
  restart(): void {
    this.stop();
    this.start();
  }

  /**
   * Sends a new full snapshot (after a reconnect, or when the server asks). Before rrweb has taken its first one
   * there is nothing to do: that first snapshot is on its way.
   */
  takeSnapshot(): void {
    if (!this.stopRecording) {
      return;
    }
    try {
      record.takeFullSnapshot(true);
    } catch (e) {
      // rrweb is not recording yet (the document is still loading): its first snapshot will come by itself.
      this.log.debug('snapshot deferred', e);
    }
  }

  /** The socket is down: what is recorded now cannot be sent, and a new snapshot must follow the reconnect. */
  suspend(): void {
    this.clearBatch();
    this.waitingForSnapshot = true;
  }

  private onEvent(event: eventWithTime): void {
    try {
      if (event.type === EventType.DomContentLoaded || event.type === EventType.Load) {
        return;
      }
      if (event.type === EventType.Meta) {
        // A (re)snapshot starts: whatever came before goes out first, the snapshot starts a frame of its own.
        this.flush();
        this.batchIsSnapshot = true;
        this.waitingForSnapshot = false;
        this.policy.rememberPasswords(document);
      } else if (this.waitingForSnapshot) {
        return;
      }
      sanitizeEvent(event, this.policy, record.mirror);
      if (this.assets) {
        this.assets.rewrite(event);
      }
      const text = JSON.stringify(event);
      this.parts.push(text);
      this.bytes += text.length;
      if (event.type === EventType.FullSnapshot) {
        this.batchHasFullSnapshot = true;
      }
      const snapshotComplete = !this.batchIsSnapshot || this.batchHasFullSnapshot;
      if (this.bytes >= FLUSH_BYTES && snapshotComplete) {
        this.flush();
      } else if (!this.flushTimer) {
        this.flushTimer = setTimeout(() => this.flush(), FLUSH_DELAY_MS);
      }
    } catch (e) {
      // An event that cannot be masked or serialised is dropped, never sent as it is.
      this.log.debug('event dropped', e);
    }
  }

  private flush(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    if (!this.parts.length) {
      return;
    }
    const frame = '{"type":"dom","snapshot":' + this.batchIsSnapshot + ',"events":[' + this.parts.join(',') + ']}';
    this.clearBatch();
    if (!this.sink(frame)) {
      this.waitingForSnapshot = true;
    }
  }

  private clearBatch(): void {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    this.parts = [];
    this.bytes = 0;
    this.batchIsSnapshot = false;
    this.batchHasFullSnapshot = false;
  }
}
