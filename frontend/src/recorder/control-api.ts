// Write mode as the visitor's page sees it: the built-in prompt and indicator, and the JavaScript API signals
// onControlRequested(agent, respond) and onModeChanged(mode, agent) for pages that bring their own UI.
import { Mode } from '../protocol/messages';
import { Agent } from './agents';
import { ControlUi } from './control-ui';
import { ControlEvents } from './remote-control';
import { MemorySignal } from './signal';

export type ControlResponder = (allow: boolean) => void;

export class ControlSignals implements ControlEvents {
  /** Not remembered: a listener added later must not answer a request that is over. */
  readonly onControlRequested: MemorySignal<[Agent, ControlResponder]>;
  /** Remembered, so a late listener learns the current mode. */
  readonly onModeChanged: MemorySignal<[Mode, Agent | null]>;
  private ui: ControlUi | null = null;

  constructor(private readonly onMaskedElement: MemorySignal<[Element]>, onError: (e: unknown) => void) {
    this.onControlRequested = new MemorySignal(onError, false);
    this.onModeChanged = new MemorySignal(onError);
  }

  /** The built-in UI is on: it asks too, and shows who is in control. */
  attachUi(ui: ControlUi): void {
    this.ui = ui;
  }

  requested(agent: Agent, respond: ControlResponder): void {
    if (!this.ui && !this.onControlRequested.hasListeners) {
      // No built-in UI and no listener: nobody could ever answer, so the agent hears "no" at once.
      respond(false);
      return;
    }
    if (this.ui) {
      this.ui.ask(agent, respond);
    }
    this.onControlRequested.dispatch(agent, respond);
  }

  requestClosed(agentId: string): void {
    if (this.ui) {
      this.ui.close(agentId);
    }
  }

  modeChanged(mode: Mode, agent: Agent | null): void {
    if (this.ui) {
      this.ui.showController(mode === 'write' ? agent : null);
    }
    this.onModeChanged.dispatch(mode, agent ? { id: agent.id, name: agent.name, role: agent.role } : null);
  }

  maskedElement(element: Element): void {
    this.onMaskedElement.dispatch(element);
  }
}
