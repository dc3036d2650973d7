// While the agent types into a mirrored field, the visitor's page echoes every new value back through rrweb a moment
// later. Applied, an older echo would overwrite what the agent has typed since and move the caret, so the input
// events of the field the agent is typing in are skipped for a short while: the mirror already shows that text.
import { EventType, eventWithTime, IncrementalSource } from '@rrweb/types';

/** How long after the agent's last keystroke in a field its echoes are skipped. */
const HOLD_MS = 1500;

export class EchoFilter {
  private readonly holds = new Map<number, number>();

  /** The agent just changed the mirrored field `nodeId`. */
  hold(nodeId: number, now = Date.now()): void {
    this.holds.set(nodeId, now + HOLD_MS);
  }

  /** Whether this customer event only echoes what the agent typed, and must not be applied to the mirror. */
  skips(event: eventWithTime, now = Date.now()): boolean {
    if (!this.holds.size || event.type !== EventType.IncrementalSnapshot
      || event.data.source !== IncrementalSource.Input) {
      return false;
    }
    const id = event.data.id;
    const until = this.holds.get(id);
    if (until === undefined) {
      return false;
    }
    if (until < now) {
      this.holds.delete(id);
      return false;
    }
    return true;
  }

  /** A new snapshot: node ids start over. */
  clear(): void {
    this.holds.clear();
  }
}
