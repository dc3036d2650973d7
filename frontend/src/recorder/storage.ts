// The session survives navigation within the site through sessionStorage (per tab, per site origin).
// Storage can be unavailable (privacy modes, sandboxed frames): then a navigation simply ends the session.

export interface StoredSession {
  sessionToken: string;
  userToken: string;
}

const KEY = 'gcb.session';
/** The agent in control, so that write mode goes on after a navigation (the server keeps it across the resume). */
const CONTROL_KEY = 'gcb.control';

export interface StoredHolder {
  id: string;
  name: string;
}

export function loadSession(): StoredSession | null {
  try {
    const text = window.sessionStorage.getItem(KEY);
    if (!text) {
      return null;
    }
    const value = JSON.parse(text) as Partial<StoredSession>;
    if (typeof value.sessionToken === 'string' && typeof value.userToken === 'string') {
      return { sessionToken: value.sessionToken, userToken: value.userToken };
    }
  } catch {
    // unreadable: treated as no session
  }
  return null;
}

export function saveSession(session: StoredSession): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // no storage: the session lasts as long as this page
  }
}

export function clearSession(): void {
  try {
    window.sessionStorage.removeItem(KEY);
    window.sessionStorage.removeItem(CONTROL_KEY);
  } catch {
    // nothing stored
  }
}

export function loadControlHolder(): StoredHolder | null {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(CONTROL_KEY) || 'null') as Partial<StoredHolder> | null;
    if (value && typeof value.id === 'string' && typeof value.name === 'string') {
      return { id: value.id, name: value.name };
    }
  } catch {
    // unreadable: pointer mode
  }
  return null;
}

export function saveControlHolder(holder: StoredHolder | null): void {
  try {
    if (holder) {
      window.sessionStorage.setItem(CONTROL_KEY, JSON.stringify({ id: holder.id, name: holder.name }));
    } else {
      window.sessionStorage.removeItem(CONTROL_KEY);
    }
  } catch {
    // no storage: a navigation falls back to pointer mode on this side
  }
}
