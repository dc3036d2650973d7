// A minimal event emitter whose listeners cannot break the emitter or each other.

export type Listener = (payload?: unknown) => void;

export class Emitter<Name extends string> {
  private readonly listeners = new Map<Name, Listener[]>();

  constructor(private readonly onListenerError: (e: unknown) => void) {}

  on(name: Name, fn: Listener): void {
    if (typeof fn === 'function') {
      this.listeners.set(name, (this.listeners.get(name) || []).concat(fn));
    }
  }

  off(name: Name, fn: Listener): void {
    this.listeners.set(name, (this.listeners.get(name) || []).filter((l) => l !== fn));
  }

  emit(name: Name, payload?: unknown): void {
    (this.listeners.get(name) || []).forEach((fn) => {
      try {
        fn(payload);
      } catch (e) {
        this.onListenerError(e);
      }
    });
  }
}
