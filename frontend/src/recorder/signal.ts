// Genesys-style signals: add / addOnce / remove. They remember their latest dispatch, so a callback added after the
// event happened still hears about it (a page may register its callbacks late).

type Listener<A extends unknown[]> = (...args: A) => void;

export interface PublicSignal<A extends unknown[]> {
  add(fn: Listener<A>): void;
  addOnce(fn: Listener<A>): void;
  remove(fn: Listener<A>): void;
}

export class MemorySignal<A extends unknown[]> implements PublicSignal<A> {
  private listeners: Array<{ fn: Listener<A>; once: boolean }> = [];
  private memory: A | null = null;

  /** @param remember false for signals a late listener must not hear (a request that was already answered) */
  constructor(private readonly onListenerError: (e: unknown) => void, private readonly remember = true) {}

  get hasListeners(): boolean {
    return this.listeners.length > 0;
  }

  add(fn: Listener<A>): void {
    this.subscribe(fn, false);
  }

  addOnce(fn: Listener<A>): void {
    this.subscribe(fn, true);
  }

  remove(fn: Listener<A>): void {
    this.listeners = this.listeners.filter((l) => l.fn !== fn);
  }

  dispatch(...args: A): void {
    this.memory = this.remember ? args : null;
    const current = this.listeners;
    this.listeners = current.filter((l) => !l.once);
    current.forEach((l) => this.call(l.fn, args));
  }

  /** Forgets the latest dispatch (a new session starts: the last one's agents and end are old news). */
  forget(): void {
    this.memory = null;
  }

  private subscribe(fn: Listener<A>, once: boolean): void {
    if (typeof fn !== 'function' || this.listeners.some((l) => l.fn === fn)) {
      return;
    }
    if (this.memory) {
      this.call(fn, this.memory);
      if (once) {
        return;
      }
    }
    this.listeners.push({ fn, once });
  }

  private call(fn: Listener<A>, args: A): void {
    try {
      fn(...args);
    } catch (e) {
      this.onListenerError(e);
    }
  }
}
