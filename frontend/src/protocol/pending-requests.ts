// Requests waiting for their reply, by request id: `<type>.ok` resolves, `error` rejects, a timeout or a closed
// socket rejects too.
import { ErrorFrame, ServerFrame } from './messages';

/** A request answered with `error`, or one that could not be answered (code `disconnected` or `timeout`). */
export class RequestError extends Error {
  constructor(readonly code: string, message?: string) {
    super(message || code);
  }
}

interface Pending {
  type: string;
  resolve(frame: ServerFrame): void;
  reject(error: RequestError): void;
  timer: ReturnType<typeof setTimeout>;
}

export class PendingRequests {
  private readonly byId = new Map<number, Pending>();

  constructor(private readonly timeoutMs: number) {}

  add(id: number, type: string, resolve: (frame: ServerFrame) => void, reject: (error: RequestError) => void): void {
    const timer = setTimeout(() => {
      this.byId.delete(id);
      reject(new RequestError('timeout'));
    }, this.timeoutMs);
    this.byId.set(id, { type, resolve, reject, timer });
  }

  /** Settles the request this frame answers; false when it answers none (a notification). */
  settle(frame: ServerFrame): boolean {
    const pending = typeof frame.id === 'number' ? this.byId.get(frame.id) : undefined;
    if (!pending || (frame.type !== pending.type + '.ok' && frame.type !== 'error')) {
      return false;
    }
    this.byId.delete(frame.id as number);
    clearTimeout(pending.timer);
    if (frame.type === 'error') {
      const error = frame as unknown as ErrorFrame;
      pending.reject(new RequestError(String(error.error), error.message));
    } else {
      pending.resolve(frame);
    }
    return true;
  }

  rejectAll(): void {
    this.byId.forEach((p) => {
      clearTimeout(p.timer);
      p.reject(new RequestError('disconnected'));
    });
    this.byId.clear();
  }
}
