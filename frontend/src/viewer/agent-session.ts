// An agent (or controller) watching one session: join by code, follow participants, replay the page, point at it
// (and act on it once the customer allows), reconnect and resume after a drop, leave.
import {
  DeactivatedNotice, endReasonOfClose, DomNotice, isFatalResumeError, JoinOk,
  JoinedNotice, LeftNotice, ROLE_AGENT, ROLE_CONTROLLER, RoleCode, ServerFrame, User,
} from '../protocol/messages';
import { Logger } from '../protocol/log';
import { RealtimeSocket, RequestError } from '../protocol/socket';
import { webSocketUrl } from '../protocol/urls';
import { AgentInteraction, HistoryDirection, InteractionEventName } from './agent-interaction';
import { Emitter, Listener } from './emitter';
import { LiveReplay } from './live-replay';

export type AgentEventName = 'joined' | 'participants' | 'dom-ready' | 'state' | 'ended' | 'error' | 'page'
  | 'viewport' | InteractionEventName;
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'ended';

export interface AgentOptions {
  serverUrl: string;
  name?: string;
  role?: number;
  /** The agent's JWT when the server requires one (security.agentAuth=jwt). */
  auth?: string;
}

export interface Participant {
  id: string;
  name: string;
  role: RoleCode;
  self: boolean;
}

export class AgentSession {
  private readonly socket: RealtimeSocket;
  private readonly emitter: Emitter<AgentEventName>;
  private readonly replay: LiveReplay;
  private readonly interaction: AgentInteraction;
  private readonly name: string;
  private readonly role: RoleCode;
  private readonly auth: string | undefined;
  private userToken: string | null = null;
  private userId: string | null = null;
  private users: User[] = [];
  private state: ConnectionState = 'connecting';

  constructor(private readonly code: string, container: HTMLElement, options: AgentOptions,
    private readonly log: Logger) {
    this.name = (options.name || 'Agent').slice(0, 100);
    this.role = options.role === ROLE_CONTROLLER ? ROLE_CONTROLLER : ROLE_AGENT;
    this.auth = typeof options.auth === 'string' && options.auth.trim() ? options.auth.trim() : undefined;
    this.emitter = new Emitter((e) => log.warn('an agent event listener failed', e));
    this.replay = new LiveReplay(container, {
      rendered: () => this.emitter.emit('dom-ready'),
      rebuilt: (doc) => this.interaction.attach(doc),
      page: (url) => this.emitter.emit('page', { url }),
      viewport: (width, height) => this.emitter.emit('viewport', { width, height }),
      failed: (reason) => {
        this.emitter.emit('error', { error: reason, message: 'The replay could not be sandboxed safely' });
        this.leave();
      },
    }, log);
    this.socket = new RealtimeSocket(webSocketUrl(options.serverUrl), {
      opened: () => this.onOpened(),
      received: (frame) => this.onFrame(frame),
      reconnecting: () => this.setState('reconnecting'),
      closed: (code) => this.end(endReasonOfClose(code, 'left')),
    }, log);
    this.interaction = new AgentInteraction(container, this.replay, this.socket, () => this.userId,
      (name, payload) => this.emitter.emit(name, payload), log);
    // Listeners are added right after join() returns: start on the next tick so they see every event.
    setTimeout(() => this.socket.connect(), 0);
  }

  on(event: AgentEventName, fn: Listener): this {
    this.emitter.on(event, fn);
    if (event === 'state') {
      this.call(fn, this.state);
    }
    return this;
  }

  /** Asks the customer for control: resolves once they allow it, rejects (ControlError) when they deny it. */
  requestControl(): Promise<void> {
    return this.interaction.requestControl();
  }

  releaseControl(): void {
    this.interaction.releaseControl();
  }

  /** Back, forward or reload on the customer's page; false when not in control. */
  history(direction: HistoryDirection): boolean {
    return this.interaction.history(direction);
  }

  /** Leaves the session (the server may end it when the last agent leaves). */
  leave(): void {
    if (this.state === 'ended') {
      return;
    }
    const done = () => this.end('left');
    if (this.userToken && this.socket.isOpen) {
      this.socket.request('exit').then(done, done);
      setTimeout(done, 2000);
    } else {
      done();
    }
  }

  private async onOpened(): Promise<void> {
    try {
      const reply = this.userToken
        ? await this.socket.request<JoinOk>('resume', { userToken: this.userToken })
        : await this.socket.request<JoinOk>('join',
          { sessionToken: this.code, role: this.role, name: this.name, auth: this.auth });
      const first = !this.userToken;
      this.userToken = reply.userToken;
      this.userId = reply.userId;
      this.users = Array.isArray(reply.users) ? reply.users : [];
      this.setState('connected');
      if (first) {
        this.emitter.emit('joined', {
          sessionToken: reply.sessionToken, userId: reply.userId, name: reply.name, role: reply.role,
        });
      }
      this.emitParticipants();
    } catch (e) {
      const code = e instanceof RequestError ? e.code : 'internal';
      if (code === 'disconnected' || code === 'timeout') {
        return; // the socket reconnects and this runs again
      }
      this.emitter.emit('error', { error: code, message: e instanceof Error ? e.message : String(e) });
      this.end(this.userToken && isFatalResumeError(code) ? 'session_ended' : code);
    }
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'dom':
        this.replay.accept(frame as unknown as DomNotice);
        break;
      case 'joined': {
        const user = frame as unknown as JoinedNotice;
        this.users = this.users.filter((u) => u.userId !== user.userId).concat(user);
        this.emitParticipants();
        break;
      }
      case 'left':
        this.users = this.users.filter((u) => u.userId !== (frame as unknown as LeftNotice).userId);
        this.interaction.participantLeft(String(frame.userId));
        this.emitParticipants();
        break;
      case 'deactivated':
        this.end((frame as unknown as DeactivatedNotice).reason || 'session_ended');
        break;
      case 'error':
        this.emitter.emit('error', { error: frame.error, message: frame.message });
        break;
      default:
        if (!this.interaction.handle(frame)) {
          this.log.debug('ignored frame', frame.type);
        }
    }
  }

  private emitParticipants(): void {
    const list: Participant[] = this.users.map((u) => ({
      id: u.userId, name: u.name || '', role: u.role, self: u.userId === this.userId,
    }));
    this.emitter.emit('participants', list);
  }

  private end(reason: string): void {
    if (this.state === 'ended') {
      return;
    }
    this.setState('ended');
    this.interaction.ended();
    this.socket.close();
    this.emitter.emit('ended', { reason });
  }

  private setState(state: ConnectionState): void {
    if (this.state !== state && this.state !== 'ended') {
      this.state = state;
      this.emitter.emit('state', state);
    }
  }

  private call(fn: Listener, payload: unknown): void {
    try {
      fn(payload);
    } catch (e) {
      this.log.warn('an agent event listener failed', e);
    }
  }
}
