// Puts the customer's event timestamps on this browser's clock, so that rrweb's live timer plays each event as soon
// as it arrives (plus a little smoothing for the mouse), whatever the two clocks say and however old the buffered
// events of a late join are.

/** Delay added to every event so that the pointer moves smoothly between the positions of one batch. */
const SMOOTHING_MS = 120;

export class LiveClock {
  /** Local time minus customer time for the fastest frame seen: the network and batching delay at its smallest. */
  private offset: number | null = null;
  private last = 0;

  /** The local time a replay started at: every mapped timestamp is at or after it (rrweb plays none "in the past"). */
  constructor(readonly baseline: number) {
    this.last = baseline;
  }

  /** Learns from a frame, given the newest customer timestamp in it and the local time it arrived. */
  observe(newestCustomerTime: number, arrivedAt: number): void {
    const candidate = arrivedAt - newestCustomerTime;
    if (this.offset === null || candidate < this.offset) {
      this.offset = candidate;
    }
  }

  /** The local time at which an event stamped `customerTime` should play. Never earlier than the previous event. */
  map(customerTime: number): number {
    const local = customerTime + (this.offset || 0) + SMOOTHING_MS;
    this.last = Math.max(this.last, local);
    return this.last;
  }
}
