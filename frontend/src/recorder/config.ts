// What the host page configures: `window._genesys.cobrowse` (Genesys' names) and the script tag's data-gcb-url.
import { baseUrlFromScriptSrc, trimBaseUrl } from '../protocol/urls';

export type ReadyCallback = (api: unknown, isTopContext: boolean) => void;

export interface ScriptConfig {
  /** The server's base URL, e.g. https://cobrowse.example.com/cobrowse; null when it cannot be found. */
  serverUrl: string | null;
  disableBuiltInUI: boolean;
  debug: boolean;
  onReady: ReadyCallback[];
}

interface GenesysGlobal {
  cobrowse?: {
    disableBuiltInUI?: unknown;
    debug?: unknown;
    onReady?: unknown;
  };
}

export function readConfig(script: HTMLScriptElement | null): ScriptConfig {
  const genesys = (window as unknown as { _genesys?: GenesysGlobal })._genesys;
  const options = (genesys && typeof genesys === 'object' && genesys.cobrowse) || {};
  const onReady = Array.isArray(options.onReady) ? options.onReady : [options.onReady];
  return {
    serverUrl: serverUrl(script),
    disableBuiltInUI: options.disableBuiltInUI === true,
    debug: options.debug === true,
    onReady: onReady.filter((fn): fn is ReadyCallback => typeof fn === 'function'),
  };
}

/** The script tag of this script: the running one, else the conventional id, else one named gcb.min.js. */
export function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current && current.tagName === 'SCRIPT') {
    return current as HTMLScriptElement;
  }
  const byId = document.getElementById('gcb-js');
  if (byId && byId.tagName === 'SCRIPT') {
    return byId as HTMLScriptElement;
  }
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[src*="gcb.min.js"]');
  return scripts.length ? scripts[scripts.length - 1] : null;
}

function serverUrl(script: HTMLScriptElement | null): string | null {
  if (!script) {
    return null;
  }
  const explicit = script.getAttribute('data-gcb-url');
  if (explicit && explicit.trim()) {
    return trimBaseUrl(new URL(explicit.trim(), location.href).toString());
  }
  return baseUrlFromScriptSrc(script.getAttribute('src'), 'gcb.min.js');
}
