// An agent's side of write mode: ask the customer for control (a promise settled by their answer), give it back,
// follow who is in control, and send commands while in control, each numbered so a rejection can be matched to it.
import { Mode, ModeNotice, ServerFrame } from '../protocol/messages';
import { Logger } from '../protocol/log';
import { RealtimeSocket, RequestError } from '../protocol/socket';

/** Why requestControl() failed: `denied` (the customer said no), `ended`, or a server error code (`control_held`…). */
export class ControlError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export interface ControlListener {
  /** Write mode started or ended; `self` tells whether this agent is the one in control. */
  modeChanged(details: { mode: Mode; userId: string | null; name: string | null; reason: string; self: boolean }): void;
  denied(): void;
  rejected(details: { action: string; reason: string; cid: number | null }): void;
}

interface Waiting {
  promise: Promise<void>;
  resolve(): void;
  reject(error: ControlError): void;
}

export class AgentControl {
  private holder: string | null = null;
  private waiting: Waiting | null = null;
  private nextCid = 1;

  constructor(private readonly socket: RealtimeSocket, private readonly selfId: () => string | null,
    private readonly listener: ControlListener, private readonly log: Logger) {}

  get inControl(): boolean {
    return this.holder !== null && this.holder === this.selfId();
  }

  /** Asks the customer; resolves when they allow it, rejects when they deny it or the request fails. */
  request(): Promise<void> {
    if (this.inControl) {
      return Promise.resolve();
    }
    if (this.waiting) {
      return this.waiting.promise;
    }
    let resolve!: () => void;
    let reject!: (error: ControlError) => void;
    const promise = new Promise<void>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    this.waiting = { promise, resolve, reject };
    this.socket.request('control.request').catch((e) => {
      this.settle(false, e instanceof RequestError ? e.code : 'internal');
    });
    return promise;
  }

  release(): void {
    if (this.inControl) {
      this.socket.request('control.release').catch((e) => this.log.debug('release failed', e));
    }
  }

  /** Sends a command while in control; returns its cid, or null when not in control or not connected. */
  command(fields: Record<string, unknown> & { action: string }): number | null {
    if (!this.inControl) {
      return null;
    }
    const cid = this.nextCid++;
    return this.socket.send({ ...fields, type: 'command', cid }) ? cid : null;
  }

  /** Handles the frames of write mode; false for any other frame. */
  handle(frame: ServerFrame): boolean {
    switch (frame.type) {
      case 'mode': {
        const notice = frame as unknown as ModeNotice;
        const write = notice.mode === 'write' && typeof notice.userId === 'string';
        this.holder = write ? notice.userId as string : null;
        this.listener.modeChanged({
          mode: write ? 'write' : 'pointer', userId: this.holder, name: write ? String(notice.name || '') : null,
          reason: String(notice.reason || ''), self: this.inControl,
        });
        if (this.inControl) {
          this.settle(true, '');
        }
        return true;
      }
      case 'control.denied':
        if (frame.userId === this.selfId()) {
          this.settle(false, 'denied');
          this.listener.denied();
        }
        return true;
      case 'command.rejected':
        this.listener.rejected({
          action: String(frame.action || ''), reason: String(frame.reason || ''),
          cid: typeof frame.cid === 'number' ? frame.cid : null,
        });
        return true;
      default:
        return false;
    }
  }

  /** The session is over: a pending request fails, and nobody is in control any more. */
  ended(): void {
    this.settle(false, 'ended');
    this.holder = null;
  }

  private settle(granted: boolean, code: string): void {
    const waiting = this.waiting;
    this.waiting = null;
    if (waiting) {
      if (granted) {
        waiting.resolve();
      } else {
        waiting.reject(new ControlError(code));
      }
    }
  }
}
