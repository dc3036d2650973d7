// The visitor's side of one co-browse session: create and join (or resume after a navigation), stream the page,
// follow the agents, let them point (and act, when allowed), reconnect after a drop, and end cleanly.
import {
  DeactivatedNotice, endReasonOfClose, isFatalResumeError, JoinOk, JoinedNotice, LeftNotice, ServerFrame,
} from '../protocol/messages';
import { Logger } from '../protocol/log';
import { RealtimeSocket, RequestError } from '../protocol/socket';
import { Agent, AgentRoster, PublicSession } from './agents';
import { createAndJoin } from './customer-join';
import { PageShare } from './page-share';
import { ControlEvents, RemoteControl } from './remote-control';
import { clearSession, saveSession, StoredSession } from './storage';

export interface SessionEvents {
  /** A new session is joined (after startSession). */
  started(session: PublicSession): void;
  /** A session stored by the previous page is resumed on this one. */
  resumed(session: PublicSession): void;
  /** The stored session could not be resumed: it is gone. */
  resumeFailed(): void;
  agentJoined(agent: Agent, session: PublicSession): void;
  agentLeft(agent: Agent, session: PublicSession): void;
  /** The connection went down or came back (for the UI). */
  connectionChanged(connected: boolean): void;
  ended(reason: string): void;
}

type Phase = 'starting' | 'resuming' | 'active' | 'ended';

export class CustomerSession {
  private readonly socket: RealtimeSocket;
  private phase: Phase;
  private userToken: string | null;
  private readonly session: PublicSession;
  private readonly roster: AgentRoster;
  private readonly page: PageShare;
  private readonly remote: RemoteControl;
  private joined = false;

  constructor(wsUrl: string, private readonly events: SessionEvents, private readonly log: Logger,
    stored: StoredSession | null, control: ControlEvents) {
    this.phase = stored ? 'resuming' : 'starting';
    this.userToken = stored ? stored.userToken : null;
    this.session = { token: stored ? stored.sessionToken : '', agents: [] };
    this.roster = new AgentRoster(this.session);
    this.socket = new RealtimeSocket(wsUrl, {
      opened: () => this.onOpened(),
      received: (frame) => this.onFrame(frame),
      reconnecting: (code, delay) => this.onDrop(code, delay),
      closed: (code) => this.onClosed(code),
    }, log);
    this.page = new PageShare(this.socket, log);
    this.remote = new RemoteControl(this.socket, () => this.page.policy, control, log);
  }

  connect(): void {
    this.socket.connect();
  }

  /** The visitor takes control back from the agent (one click on Stop, or the API). */
  revokeControl(): void {
    this.remote.revoke();
  }

  /** The visitor leaves: tell the server (it ends the session and closes with 4001), then end here regardless. */
  exit(): void {
    if (this.phase === 'ended') {
      return;
    }
    const done = () => this.end('customer_exit');
    if (this.joined) {
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
        : await createAndJoin(this.socket, (token) => (this.session.token = token));
      this.onJoined(reply);
    } catch (e) {
      const code = e instanceof RequestError ? e.code : 'internal';
      this.log.debug('join/resume failed:', code);
      if (code === 'disconnected' || code === 'timeout') {
        return; // the socket reconnects and this runs again
      }
      if (this.phase === 'resuming') {
        this.giveUpResume();
      } else {
        this.end(isFatalResumeError(code) ? 'session_ended' : code);
      }
    }
  }

  private onJoined(reply: JoinOk): void {
    if (this.phase === 'ended') {
      return;
    }
    const firstJoin = this.phase !== 'active';
    this.userToken = reply.userToken;
    this.session.token = reply.sessionToken;
    const changes = this.roster.replace(reply.users);
    this.joined = true;
    saveSession({ sessionToken: reply.sessionToken, userToken: reply.userToken });
    this.page.connectedWith(reply.domRestrictions);
    this.remote.joined(this.session.agents);
    if (firstJoin) {
      const notify = this.phase === 'resuming' ? this.events.resumed : this.events.started;
      this.phase = 'active';
      notify.call(this.events, this.session);
    } else {
      // Back after a drop: tell about agents who came or went meanwhile.
      this.events.connectionChanged(true);
      changes.joined.forEach((a) => this.events.agentJoined(a, this.session));
      changes.left.forEach((a) => this.events.agentLeft(a, this.session));
    }
  }

  private onFrame(frame: ServerFrame): void {
    switch (frame.type) {
      case 'joined': {
        const agent = this.roster.add(frame as unknown as JoinedNotice);
        if (agent) {
          this.events.agentJoined(agent, this.session);
        }
        break;
      }
      case 'left': {
        const agent = this.roster.remove((frame as unknown as LeftNotice).userId);
        if (agent) {
          this.remote.agentLeft(agent.id);
          this.events.agentLeft(agent, this.session);
        }
        break;
      }
      case 'deactivated':
        this.end((frame as unknown as DeactivatedNotice).reason || 'ended');
        break;
      case 'snapshot.request':
        this.page.snapshotRequested();
        break;
      case 'error':
        this.log.debug('server error', frame.error, frame.message);
        break;
      default:
        if (!this.remote.handle(frame)) {
          this.log.debug('ignored frame', frame.type);
        }
    }
  }

  private onDrop(code: number, delayMs: number): void {
    if (this.phase === 'starting') {
      // A session that never got going is not worth retrying for: the visitor can click again.
      this.log.warn('cannot reach the co-browse server');
      this.end('unreachable');
      return;
    }
    this.log.debug('connection lost (' + code + '), reconnecting in ' + delayMs + ' ms');
    this.joined = false;
    this.page.disconnected();
    this.events.connectionChanged(false);
  }

  private onClosed(code: number): void {
    if (this.phase === 'resuming') {
      this.giveUpResume();
    } else {
      this.end(endReasonOfClose(code, 'customer_exit'));
    }
  }

  /** The session the previous page stored is gone: this page simply has none (no "ended" signal). */
  private giveUpResume(): void {
    this.phase = 'ended';
    this.shutdown();
    this.events.resumeFailed();
  }

  private end(reason: string): void {
    if (this.phase === 'ended') {
      return;
    }
    this.phase = 'ended';
    this.shutdown();
    this.events.ended(reason);
  }

  private shutdown(): void {
    this.joined = false;
    this.remote.stop();
    this.page.stop();
    clearSession();
    this.socket.close();
  }
}
