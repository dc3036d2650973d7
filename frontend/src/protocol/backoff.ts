// When to try again after a dropped connection: exponential delays with jitter, given up after a while.

export class Backoff {
  private attempts = 0;
  private downSince = 0;

  constructor(private readonly minDelayMs: number, private readonly maxDelayMs: number,
    private readonly giveUpAfterMs: number) {}

  /** The connection works again: the next drop starts over with the shortest delay. */
  reset(): void {
    this.attempts = 0;
    this.downSince = 0;
  }

  /** The delay before the next attempt, or null when the server has been unreachable for too long. */
  nextDelay(now = Date.now()): number | null {
    this.downSince = this.downSince || now;
    if (now - this.downSince > this.giveUpAfterMs) {
      return null;
    }
    const base = Math.min(this.maxDelayMs, this.minDelayMs * Math.pow(2, this.attempts++));
    // Jitter spreads the reconnects of many clients after a node restart.
    return Math.round(base * (0.5 + Math.random() * 0.5));
  }
}
