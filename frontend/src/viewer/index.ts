// Entry of agent.js: `window.CobrowseAgent.join(code, element, options)` for agent desktops, and the console of
// agent.html, started when the page asks for it (<body data-cobrowse-console> with a #replay-container).
import { createLogger } from '../protocol/log';
import { baseUrlFromScriptSrc, trimBaseUrl } from '../protocol/urls';
import { HistoryDirection } from './agent-interaction';
import { AgentEventName, AgentSession } from './agent-session';
import { Listener } from './emitter';
import { startConsole } from './console';

export interface JoinOptions {
  serverUrl?: string;
  name?: string;
  role?: number;
  /** The agent's JWT from the contact-center application (needed when the server runs security.agentAuth=jwt). */
  auth?: string;
  debug?: boolean;
}

export interface AgentHandle {
  /** Asks the customer for control: resolves when they allow it, rejects (error.code "denied", …) otherwise. */
  requestControl(): Promise<void>;
  /** Gives control back to the customer (pointer mode). */
  releaseControl(): void;
  /** Back, forward or reload on the customer's page while in control; false otherwise. */
  history(direction: HistoryDirection): boolean;
  leave(): void;
  on(event: AgentEventName, fn: Listener): AgentHandle;
}

/** Captured while the script runs: later, document.currentScript no longer points at it. */
const ownScript = document.currentScript as HTMLScriptElement | null;

function defaultServerUrl(): string {
  const fromScript = baseUrlFromScriptSrc(ownScript && ownScript.getAttribute('src'), 'agent.js');
  // A bundled copy served elsewhere: assume the page itself is served by the server (like agent.html).
  return fromScript || trimBaseUrl(new URL('.', location.href).toString());
}

function join(code: string, element: HTMLElement, options: JoinOptions = {}): AgentHandle {
  const digits = String(code || '').replace(/\D/g, '');
  if (!element || typeof element.appendChild !== 'function') {
    throw new Error('CobrowseAgent.join needs a container element');
  }
  const log = createLogger('[co-browse agent]', () => options.debug === true);
  const session = new AgentSession(digits, element, {
    serverUrl: options.serverUrl ? trimBaseUrl(options.serverUrl) : defaultServerUrl(),
    name: options.name,
    role: options.role,
    auth: options.auth,
  }, log);
  const handle: AgentHandle = {
    requestControl: () => session.requestControl(),
    releaseControl: () => session.releaseControl(),
    history: (direction) => session.history(direction),
    leave: () => session.leave(),
    on: (event, fn) => {
      session.on(event, fn);
      return handle;
    },
  };
  return handle;
}

const api = { join };

const host = window as unknown as { CobrowseAgent?: typeof api };
if (!host.CobrowseAgent) {
  host.CobrowseAgent = api;
}

function maybeStartConsole(): void {
  if (document.body && document.body.hasAttribute('data-cobrowse-console')
    && document.getElementById('replay-container')) {
    startConsole(api);
  }
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', maybeStartConsole, { once: true });
} else {
  maybeStartConsole();
}
