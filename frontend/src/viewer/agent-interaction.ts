// Pointer mode and write mode for one agent: its pointer goes to the others, theirs are drawn over the replay, and
// once the customer allows it the agent's gestures on the replay act on the customer's page as commands.
import { Logger } from '../protocol/log';
import { PointerNotice, ServerFrame } from '../protocol/messages';
import { RealtimeSocket } from '../protocol/socket';
import { AgentControl } from './agent-control';
import { LiveReplay } from './live-replay';
import { PointerLayer } from './pointer-layer';
import { ReplayInput } from './replay-input';

export type HistoryDirection = 'back' | 'forward' | 'reload';
export type InteractionEventName = 'mode' | 'control-denied' | 'command-rejected';

export class AgentInteraction {
  private readonly control: AgentControl;
  private readonly input: ReplayInput;
  private readonly pointers: PointerLayer;

  constructor(container: HTMLElement, replay: LiveReplay, private readonly socket: RealtimeSocket,
    selfId: () => string | null, emit: (name: InteractionEventName, payload: unknown) => void, log: Logger) {
    this.pointers = new PointerLayer(container, replay);
    this.control = new AgentControl(socket, selfId, {
      modeChanged: (details) => {
        this.input.setWriteMode(details.self);
        emit('mode', details);
      },
      denied: () => emit('control-denied', {}),
      rejected: (details) => emit('command-rejected', details),
    }, log);
    this.input = new ReplayInput(container, replay, {
      pointer: (node, x, y, kind) => this.socket.send({ type: 'pointer', node, x, y, kind }),
      command: (fields) => this.control.command(fields),
    }, log);
  }

  /** A new snapshot of the customer's page is in the replay: listen to the agent's gestures on it. */
  attach(doc: Document): void {
    this.input.attach(doc);
  }

  /** Asks the customer for control: resolves once they allow it, rejects (ControlError) when they deny it. */
  requestControl(): Promise<void> {
    return this.control.request();
  }

  releaseControl(): void {
    this.control.release();
  }

  /** Back, forward or reload on the customer's page; false when not in control. */
  history(direction: HistoryDirection): boolean {
    return this.control.command({ action: 'history', direction }) !== null;
  }

  /** Handles pointers and the frames of write mode; false for any other frame. */
  handle(frame: ServerFrame): boolean {
    if (frame.type === 'pointer') {
      this.pointers.show(frame as unknown as PointerNotice);
      return true;
    }
    return this.control.handle(frame);
  }

  participantLeft(userId: string): void {
    this.pointers.remove(userId);
  }

  ended(): void {
    this.control.ended();
    this.input.destroy();
    this.pointers.destroy();
  }
}
