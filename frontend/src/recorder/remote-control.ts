// The visitor's side of pointer and write mode: agents' pointers on the page, control requests and their answers,
// who is in control (kept across navigations), and the agent's commands, each checked before it is carried out.
import { Logger } from '../protocol/log';
import {
  CommandNotice, Mode, ModeNotice, PointerNotice, ROLE_AGENT, ServerFrame, User,
} from '../protocol/messages';
import { RealtimeSocket } from '../protocol/socket';
import { Agent } from './agents';
import { CommandRunner } from './command-runner';
import { MaskPolicy } from './masking';
import { PointerOverlay } from './pointer-overlay';
import { loadControlHolder, saveControlHolder } from './storage';

export interface ControlEvents {
  /** An agent asks for control. `respond` answers once; later calls (or calls after the agent left) do nothing. */
  requested(agent: Agent, respond: (allow: boolean) => void): void;
  /** The request of this agent needs no answer any more: it was answered, or the agent left. */
  requestClosed(agentId: string): void;
  /** Write mode started (`agent` is in control) or ended (`agent` is null). */
  modeChanged(mode: Mode, agent: Agent | null): void;
  /** An agent tried to read or change a masked field. */
  maskedElement(element: Element): void;
}

export class RemoteControl {
  private holder: Agent | null = null;
  private readonly asking = new Set<string>();
  /** The visitor revoked while the socket was down: the server must hear it once it is back. */
  private revokePending = false;
  private readonly pointers = new PointerOverlay();
  private readonly runner: CommandRunner;

  constructor(private readonly socket: RealtimeSocket, policy: () => MaskPolicy | null,
    private readonly events: ControlEvents, private readonly log: Logger) {
    this.runner = new CommandRunner(policy, (element) => events.maskedElement(element));
  }

  /** Handles the frames of pointer and write mode; false for any other frame. */
  handle(frame: ServerFrame): boolean {
    switch (frame.type) {
      case 'pointer':
        this.pointers.show(frame as unknown as PointerNotice);
        return true;
      case 'control.requested':
        this.onRequest(frame as unknown as User);
        return true;
      case 'mode':
        this.onMode(frame as unknown as ModeNotice);
        return true;
      case 'command':
        this.onCommand(frame as unknown as CommandNotice);
        return true;
      default:
        return false;
    }
  }

  /** Joined or resumed with these agents: restore the write mode the previous page was in, if its agent is here. */
  joined(agents: Agent[]): void {
    this.asking.forEach((id) => agents.some((a) => a.id === id) || this.agentLeft(id));
    if (this.revokePending) {
      this.revoke();
      return;
    }
    const known = this.holder || loadControlHolder();
    const agent = known ? agents.filter((a) => a.id === known.id)[0] : undefined;
    this.setHolder(agent || null);
  }

  agentLeft(agentId: string): void {
    this.pointers.remove(agentId);
    this.closeRequest(agentId);
    if (this.holder && this.holder.id === agentId) {
      this.setHolder(null);
    }
  }

  /** The visitor takes control back: commands are refused from this moment, whatever the network does. */
  revoke(): void {
    this.setHolder(null);
    this.revokePending = true;
    this.socket.request('control.revoke').then(() => (this.revokePending = false), (e) => {
      this.log.debug('revoke not delivered yet', e);
    });
  }

  stop(): void {
    this.pointers.unmount();
    this.asking.forEach((id) => this.closeRequest(id));
    this.revokePending = false;
    if (this.holder) {
      this.holder = null;
      this.events.modeChanged('pointer', null);
    }
  }

  private onRequest(user: User): void {
    if (!user || typeof user.userId !== 'string') {
      return;
    }
    const agent: Agent = { id: user.userId, name: String(user.name || 'Agent'), role: user.role || ROLE_AGENT };
    if (this.holder && this.holder.id === agent.id) {
      this.answer(agent.id, true); // already in control (e.g. its console reloaded): confirm without asking again
      return;
    }
    this.asking.add(agent.id);
    // The page's own code calls respond: whatever goes wrong in here must not be thrown at it.
    this.events.requested(agent, (allow) => {
      try {
        if (this.asking.has(agent.id)) {
          this.closeRequest(agent.id);
          this.answer(agent.id, allow === true);
        }
      } catch (e) {
        this.log.debug('control answer failed', e);
      }
    });
  }

  private answer(agentId: string, allow: boolean): void {
    this.socket.request(allow ? 'control.grant' : 'control.deny', { userId: agentId })
      .catch((e) => this.log.debug('control answer failed', e));
  }

  private closeRequest(agentId: string): void {
    if (this.asking.delete(agentId)) {
      this.events.requestClosed(agentId);
    }
  }

  private onMode(notice: ModeNotice): void {
    if (notice.mode === 'write' && typeof notice.userId === 'string') {
      this.closeRequest(notice.userId);
      this.setHolder({ id: notice.userId, name: String(notice.name || 'Agent'), role: ROLE_AGENT });
    } else if (notice.mode === 'pointer') {
      this.setHolder(null);
    }
  }

  private onCommand(command: CommandNotice): void {
    let reason = null;
    try {
      reason = this.runner.run(command, this.holder ? this.holder.id : null);
    } catch (e) {
      this.log.debug('command failed', command.action, e);
    }
    if (reason && typeof command.userId === 'string') {
      const rejection: Record<string, unknown> & { type: string } = {
        type: 'command.rejected', userId: command.userId, action: String(command.action).slice(0, 32), reason,
      };
      if (typeof command.cid === 'number') {
        rejection.cid = command.cid;
      }
      this.socket.send(rejection);
    }
  }

  private setHolder(agent: Agent | null): void {
    const before = this.holder;
    this.holder = agent;
    saveControlHolder(agent);
    if ((before ? before.id : null) !== (agent ? agent.id : null)) {
      this.events.modeChanged(agent ? 'write' : 'pointer', agent);
    }
  }
}
