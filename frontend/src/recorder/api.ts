// The JavaScript API handed to `onReady(api, isTopContext)`, Genesys-compatible, and the glue between it, the
// built-in UI and the session.
import { Logger } from '../protocol/log';
import { Mode } from '../protocol/messages';
import { Agent, PublicSession } from './agents';
import { ControlResponder, ControlSignals } from './control-api';
import { ControlUi } from './control-ui';
import { CustomerSession } from './session';
import { MemorySignal, PublicSignal } from './signal';
import { loadSession, StoredSession } from './storage';
import { BuiltInUi } from './ui';

export interface SessionEndDetails {
  reason: string;
}

export interface CobrowseApi {
  startSession(): void;
  exitSession(): void;
  onInitialized: PublicSignal<[PublicSession | null]>;
  onSessionStarted: PublicSignal<[PublicSession]>;
  onAgentJoined: PublicSignal<[Agent, PublicSession]>;
  onAgentLeft: PublicSignal<[Agent, PublicSession]>;
  onSessionEnded: PublicSignal<[SessionEndDetails]>;
  /** An agent tried to read or change a masked field; write mode refused. */
  onMaskedElement: PublicSignal<[Element]>;
  /** An agent asks for control: call respond(true) to let them act on the page, respond(false) to refuse. */
  onControlRequested: PublicSignal<[Agent, ControlResponder]>;
  /** "write" with the agent in control, or "pointer" (nobody but the visitor acts on the page). */
  onModeChanged: PublicSignal<[Mode, Agent | null]>;
  /** Takes control back from the agent at once. */
  revokeControl(): void;
}

export class CobrowseController {
  private session: CustomerSession | null = null;
  private ui: BuiltInUi | null = null;
  /** The latest view of the session, for the UI's state line. */
  private current: PublicSession | null = null;
  private readonly initialized: MemorySignal<[PublicSession | null]>;
  private readonly started: MemorySignal<[PublicSession]>;
  private readonly agentJoined: MemorySignal<[Agent, PublicSession]>;
  private readonly agentLeft: MemorySignal<[Agent, PublicSession]>;
  private readonly ended: MemorySignal<[SessionEndDetails]>;
  private readonly maskedElement: MemorySignal<[Element]>;
  private readonly control: ControlSignals;
  readonly api: CobrowseApi;

  /** @param wsUrl null in frames that do not run sessions (iframes), or when the server URL is unknown */
  constructor(private readonly wsUrl: string | null, private readonly log: Logger) {
    const onError = (e: unknown) => log.warn('a co-browse callback failed', e);
    this.initialized = new MemorySignal(onError);
    this.started = new MemorySignal(onError);
    this.agentJoined = new MemorySignal(onError);
    this.agentLeft = new MemorySignal(onError);
    this.ended = new MemorySignal(onError);
    this.maskedElement = new MemorySignal(onError);
    this.control = new ControlSignals(this.maskedElement, onError);
    this.api = {
      startSession: () => this.safely(() => this.start()),
      exitSession: () => this.safely(() => this.session && this.session.exit()),
      onInitialized: this.initialized,
      onSessionStarted: this.started,
      onAgentJoined: this.agentJoined,
      onAgentLeft: this.agentLeft,
      onSessionEnded: this.ended,
      onMaskedElement: this.maskedElement,
      onControlRequested: this.control.onControlRequested,
      onModeChanged: this.control.onModeChanged,
      revokeControl: () => this.safely(() => this.session && this.session.revokeControl()),
    };
  }

  /** Shows the UI and resumes the session the previous page left in sessionStorage, if any. */
  init(withUi: boolean): void {
    if (withUi && this.wsUrl) {
      this.ui = new BuiltInUi({ start: () => this.api.startSession(), exit: () => this.api.exitSession() });
      this.ui.mount();
      this.control.attachUi(new ControlUi(this.ui.rootElement!, () => this.api.revokeControl()));
    }
    const stored = this.wsUrl ? loadSession() : null;
    if (!stored) {
      this.initialized.dispatch(null);
      return;
    }
    if (this.ui) {
      this.ui.showSession(stored.sessionToken);
      this.ui.showState('Reconnecting\u2026', false);
    }
    this.open(stored);
  }

  private start(): void {
    if (this.session || !this.wsUrl) {
      return;
    }
    [this.started, this.agentJoined, this.agentLeft, this.ended].forEach((s) => s.forget());
    if (this.ui) {
      this.ui.showStarting();
    }
    this.open(null);
  }

  private open(stored: StoredSession | null): void {
    const session = new CustomerSession(this.wsUrl!, {
      started: (s) => {
        this.showSession(s);
        this.started.dispatch(s);
      },
      resumed: (s) => {
        this.showSession(s);
        this.initialized.dispatch(s);
      },
      resumeFailed: () => {
        this.session = null;
        this.ui?.showIdle();
        this.initialized.dispatch(null);
      },
      agentJoined: (agent, s) => {
        this.showState(s, true);
        this.agentJoined.dispatch(agent, s);
      },
      agentLeft: (agent, s) => {
        this.showState(s, true);
        this.agentLeft.dispatch(agent, s);
      },
      connectionChanged: (connected) => this.session && this.showState(this.sessionView(), connected),
      ended: (reason) => {
        this.session = null;
        this.ui?.showIdle();
        this.ended.dispatch({ reason });
      },
    }, this.log, stored, this.control);
    this.session = session;
    this.current = null;
    session.connect();
  }

  private sessionView(): PublicSession {
    return this.current || { token: '', agents: [] };
  }

  private showSession(session: PublicSession): void {
    this.current = session;
    this.ui?.showSession(session.token);
    this.showState(session, true);
  }

  private showState(session: PublicSession, connected: boolean): void {
    this.current = session;
    if (!this.ui) {
      return;
    }
    if (!connected) {
      this.ui.showState('Reconnecting\u2026', false);
    } else if (session.agents.length) {
      this.ui.showState('Agent connected: ' + session.agents.map((a) => a.name).join(', '), true);
    } else {
      this.ui.showState('Waiting for an agent\u2026', false);
    }
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.log.debug('co-browse call failed', e);
    }
  }
}
