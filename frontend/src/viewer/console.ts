// The agent console of agent.html: a join form (or ?token=CODE to join at once; a desktop that embeds the console passes
// the agent's JWT in the URL fragment, #auth=JWT, which never reaches a server log), then the live view with the
// connection state, the customer's page URL and viewport, the participants, write mode controls and an Exit button.
import type { AgentHandle, JoinOptions } from './index';
import type { Participant } from './agent-session';
import { wireControl } from './console-control';

interface JoinApi {
  join(code: string, element: HTMLElement, options?: JoinOptions): AgentHandle;
}

const STATE_LABELS: Record<string, string> = {
  connecting: 'Connecting\u2026',
  connected: 'Connected',
  reconnecting: 'Reconnecting\u2026',
  ended: 'Ended',
};

const END_REASONS: Record<string, string> = {
  customer_exit: 'The customer ended it.',
  controller_stop: 'A supervisor stopped it.',
  agents_left: 'All agents left.',
  left: 'You left.',
  idle_timeout: 'No agent joined in time.',
  inactivity_timeout: 'Nothing happened for too long.',
  max_duration: 'It reached its maximum duration.',
  disconnected: 'The connection was lost.',
  replaced: 'You joined it from another window.',
};

const JOIN_ERRORS: Record<string, string> = {
  session_not_found: 'No co-browse session has this code. Check the digits with the customer.',
  session_ended: 'This co-browse session has already ended.',
  too_many_agents: 'This session already has as many agents as it allows.',
  rate_limited: 'Too many attempts. Wait a moment and try again.',
  unauthorized: 'The server needs a valid access token (JWT) from your contact-center application.',
  origin_not_allowed: 'This console is not allowed to connect to the server.',
  disconnected: 'The co-browse server cannot be reached.',
};

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) {
    throw new Error('agent console: missing #' + id);
  }
  return element as T;
}

export function startConsole(api: JoinApi): void {
  const form = byId<HTMLFormElement>('join-form');
  const tokenInput = byId<HTMLInputElement>('token-input');
  const nameInput = byId<HTMLInputElement>('name-input');
  const authInput = byId<HTMLInputElement>('auth-input');
  const joinError = byId('join-error');
  const params = new URLSearchParams(location.search);
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fragmentAuth = fragment.get('auth');
  if (fragmentAuth) {
    authInput.value = fragmentAuth;
    // Keep the credential out of the address bar, bookmarks and the history.
    history.replaceState(null, '', location.pathname + location.search);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    join(api, tokenInput.value, nameInput.value);
  });
  const name = params.get('name');
  if (name) {
    nameInput.value = name;
  }
  const token = params.get('token');
  if (token) {
    tokenInput.value = token;
    join(api, token, nameInput.value);
  } else {
    tokenInput.focus();
  }

  function join(joinApi: JoinApi, code: string, agentName: string): void {
    const digits = code.replace(/\D/g, '');
    if (!/^\d{9}$/.test(digits)) {
      showForm('Enter the 9-digit code the customer reads to you.');
      return;
    }
    showSession();
    let joined = false;
    const container = byId('replay-container');
    const session = joinApi.join(digits, container, {
      name: agentName.trim() || 'Agent',
      auth: authInput.value.trim() || undefined,
    });
    session.on('state', (state) => {
      byId('connection-state').textContent = STATE_LABELS[String(state)] || String(state);
      document.body.setAttribute('data-state', String(state));
    });
    session.on('joined', () => {
      joined = true;
      byId('session-code').textContent = digits.replace(/(\d{3})(?=\d)/g, '$1 ');
    });
    session.on('participants', (list) => renderParticipants(list as Participant[]));
    session.on('page', (page) => {
      const url = String((page as { url: string }).url);
      byId('page-url').textContent = url;
      byId('page-url').title = url;
    });
    session.on('viewport', (size) => {
      const { width, height } = size as { width: number; height: number };
      byId('viewport-size').textContent = width + ' \u00d7 ' + height;
    });
    session.on('dom-ready', () => byId('replay-waiting').setAttribute('hidden', ''));
    session.on('error', (error) => {
      const code = String((error as { error: string }).error);
      if (!joined) {
        showForm(JOIN_ERRORS[code] || 'Could not join (' + code + ').');
      }
    });
    session.on('ended', (details) => {
      const reason = String((details as { reason: string }).reason);
      byId('exit-button').setAttribute('hidden', '');
      if (!joined) {
        container.textContent = '';
        showForm(joinError.textContent || JOIN_ERRORS[reason] || 'Could not join (' + reason + ').');
        return;
      }
      byId('session-ended-reason').textContent = END_REASONS[reason] || '';
      byId('session-ended').removeAttribute('hidden');
    });
    byId('exit-button').onclick = () => session.leave();
    wireControl(session, byId);
  }

  function showForm(error: string): void {
    byId('connection-state').textContent = 'Not connected';
    document.body.removeAttribute('data-state');
    byId('join-panel').removeAttribute('hidden');
    byId('session-panel').setAttribute('hidden', '');
    joinError.textContent = error;
    tokenInput.focus();
  }

  function showSession(): void {
    joinError.textContent = '';
    byId('join-panel').setAttribute('hidden', '');
    byId('session-panel').removeAttribute('hidden');
    byId('exit-button').removeAttribute('hidden');
    byId('session-ended').setAttribute('hidden', '');
    byId('replay-waiting').removeAttribute('hidden');
  }

  function renderParticipants(list: Participant[]): void {
    const ul = byId('participants');
    ul.textContent = '';
    list.forEach((p) => {
      const li = document.createElement('li');
      const name = document.createElement('span');
      name.className = 'participant-name';
      name.textContent = p.name || '(no name)';
      const role = document.createElement('span');
      role.className = 'participant-role';
      role.textContent = (p.role === 1 ? 'customer' : p.role === 3 ? 'supervisor' : 'agent') + (p.self ? ' · you' : '');
      li.append(name, role);
      ul.appendChild(li);
    });
  }
}
