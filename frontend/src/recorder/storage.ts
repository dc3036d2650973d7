// The session survives navigation within the site through sessionStorage (per tab, per site origin).
// Storage can be unavailable (privacy modes, sandboxed frames): then a navigation simply ends the session.

export interface StoredSession {
  sessionToken: string;
  userToken: string;
}

const KEY = 'gcb.session';

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
  } catch {
    // nothing stored
  }
}
