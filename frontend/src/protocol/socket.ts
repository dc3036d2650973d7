// One participant's WebSocket to the server: request ids with promise replies, and reconnection with backoff.
// The owner decides what to send on (re)open (join or resume), so this class knows nothing about sessions.
import { Backoff } from './backoff';
import { Logger } from './log';
import { isTerminalClose, parseServerFrame, ServerFrame } from './messages';
import { PendingRequests, RequestError } from './pending-requests';

export { RequestError };

export interface SocketListener {
  /** The socket is open. `reconnected` is false the first time. Send join or resume here. */
  opened(reconnected: boolean): void;
  /** A frame that is not the reply to a request: a notification, or an error without id. */
  received(frame: ServerFrame): void;
  /** The socket closed and a new one is attempted after delayMs. */
  reconnecting(code: number, delayMs: number): void;
  /** Closed for good: a terminal close code, close() was called, or reconnecting gave up. Called once. */
  closed(code: number, reason: string): void;
}

/** Reconnect delays grow from 0.5 s to 8 s; after 75 s the server has forgotten the participant anyway (60 s). */
const MIN_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8000;
const GIVE_UP_AFTER_MS = 75000;
const REQUEST_TIMEOUT_MS = 15000;

/** Close code reported when the socket could not be created or the server vanished without a close frame. */
export const CLOSE_ABNORMAL = 1006;

export class RealtimeSocket {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new PendingRequests(REQUEST_TIMEOUT_MS);
  private readonly backoff = new Backoff(MIN_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS, GIVE_UP_AFTER_MS);
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private everOpened = false;
  private finished = false;

  constructor(private readonly url: string, private readonly listener: SocketListener, private readonly log: Logger) {}

  connect(): void {
    if (this.finished || this.ws) {
      return;
    }
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.log.debug('cannot open WebSocket', e);
      this.afterClose(CLOSE_ABNORMAL, 'cannot open');
      return;
    }
    this.ws = ws;
    ws.onopen = () => this.safely(() => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.listener.opened(reconnected);
    });
    ws.onmessage = (event) => this.safely(() => this.onText(event.data));
    ws.onclose = (event) => this.safely(() => {
      if (this.ws === ws) {
        this.ws = null;
        this.afterClose(event.code, event.reason);
      }
    });
    // onerror is always followed by onclose, which does the work.
  }

  get isOpen(): boolean {
    return !!this.ws && this.ws.readyState === WebSocket.OPEN;
  }

  /** Bytes queued in the browser and not yet sent: a growing number means the network cannot keep up. */
  get bufferedAmount(): number {
    return this.ws ? this.ws.bufferedAmount : 0;
  }

  /** Sends a request with a fresh id; resolves with its `.ok` reply, rejects with RequestError. */
  request<T = ServerFrame>(type: string, fields: Record<string, unknown> = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const id = this.nextId++;
      if (!this.sendText(JSON.stringify({ ...fields, type, id }))) {
        reject(new RequestError('disconnected'));
        return;
      }
      this.pending.add(id, type, resolve as (f: ServerFrame) => void, reject);
    });
  }

  /** Sends a frame that gets no reply. False when the socket is not open. */
  send(frame: Record<string, unknown> & { type: string }): boolean {
    return this.sendText(JSON.stringify(frame));
  }

  sendText(text: string): boolean {
    if (!this.isOpen) {
      return false;
    }
    try {
      this.ws!.send(text);
      return true;
    } catch (e) {
      this.log.debug('send failed', e);
      return false;
    }
  }

  /** Closes for good (no reconnect); listener.closed follows. */
  close(code = 1000, reason = ''): void {
    if (this.finished) {
      return;
    }
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      try {
        ws.close(code, reason);
      } catch {
        // already closing
      }
    }
    this.finish(code, reason);
  }

  private onText(data: unknown): void {
    const frame = parseServerFrame(data);
    if (!frame) {
      this.log.debug('ignored a frame that is not a JSON object with a type');
      return;
    }
    // The server answers, so the connection works: the next drop starts a fresh backoff.
    this.backoff.reset();
    if (!this.pending.settle(frame)) {
      this.listener.received(frame);
    }
  }

  private afterClose(code: number, reason: string): void {
    this.pending.rejectAll();
    if (this.finished) {
      return;
    }
    if (isTerminalClose(code)) {
      this.finish(code, reason);
      return;
    }
    const delay = this.backoff.nextDelay();
    if (delay === null) {
      this.finish(code, reason || 'unreachable');
      return;
    }
    this.listener.reconnecting(code, delay);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private finish(code: number, reason: string): void {
    this.finished = true;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = null;
    }
    this.pending.rejectAll();
    this.listener.closed(code, reason);
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log.debug('socket handler failed', e);
    }
  }
}
