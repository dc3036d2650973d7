// The agents of a session as the Genesys API shows them: {id, name, role}, customers left out.
import { ROLE_CUSTOMER, User } from '../protocol/messages';

export interface Agent {
  id: string;
  name: string;
  role: number;
}

/** The session object of the Genesys API; the same object is kept up to date while the session lasts. */
export interface PublicSession {
  token: string;
  agents: Agent[];
}

export interface AgentChanges {
  joined: Agent[];
  left: Agent[];
}

/** Keeps session.agents up to date from join/resume replies and joined/left notifications. */
export class AgentRoster {
  constructor(readonly session: PublicSession) {}

  /** Takes the full list of a join.ok / resume.ok; returns who came and went since the previous list. */
  replace(users: User[] | undefined): AgentChanges {
    const before = this.session.agents;
    const after = (Array.isArray(users) ? users : []).filter(isAgent).map(toAgent);
    this.session.agents = after;
    return {
      joined: after.filter((a) => !before.some((b) => b.id === a.id)),
      left: before.filter((b) => !after.some((a) => a.id === b.id)),
    };
  }

  /** A `joined` notification: the new agent, or null for a customer or someone already known. */
  add(user: User): Agent | null {
    if (!isAgent(user) || this.session.agents.some((a) => a.id === user.userId)) {
      return null;
    }
    const agent = toAgent(user);
    this.session.agents = this.session.agents.concat(agent);
    return agent;
  }

  /** A `left` notification: the agent who left, or null. */
  remove(userId: string): Agent | null {
    const agent = this.session.agents.find((a) => a.id === userId) || null;
    if (agent) {
      this.session.agents = this.session.agents.filter((a) => a !== agent);
    }
    return agent;
  }
}

function isAgent(user: User): boolean {
  return !!user && user.role !== ROLE_CUSTOMER;
}

function toAgent(user: User): Agent {
  return { id: user.userId, name: user.name || 'Agent', role: user.role };
}
