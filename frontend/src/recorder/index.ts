// Entry of gcb.min.js, the one script a site adds. It does nothing visible until the visitor clicks "Co-browse"
// (no socket is opened before), must never break the host page, and is a no-op when included twice.
import { createLogger } from '../protocol/log';
import { webSocketUrl } from '../protocol/urls';
import { CobrowseController } from './api';
import { findOwnScript, readConfig, ScriptConfig } from './config';

/** Marks the window once the script ran: a symbol, so no name is added to the page's global namespace. */
const LOADED = typeof Symbol === 'function' ? Symbol.for('opencobrowse.gcb') : '__opencobrowse_gcb';

function isTopWindow(): boolean {
  try {
    return window.top === window.self;
  } catch {
    return false;
  }
}

function whenBodyExists(fn: () => void): void {
  if (document.body) {
    fn();
  } else {
    document.addEventListener('DOMContentLoaded', fn, { once: true });
  }
}

function callOnReady(config: ScriptConfig, api: unknown, isTop: boolean, warn: (...a: unknown[]) => void): void {
  config.onReady.forEach((fn) => {
    try {
      fn(api, isTop);
    } catch (e) {
      warn('an onReady callback failed', e);
    }
  });
}

function main(): void {
  const marker = window as unknown as Record<string | symbol, unknown>;
  if (marker[LOADED as string]) {
    return;
  }
  marker[LOADED as string] = true;
  const config = readConfig(findOwnScript());
  const log = createLogger('[co-browse]', () => config.debug);
  const isTop = isTopWindow();
  // Only the top window runs sessions: rrweb records same-origin iframes as part of the top page.
  const wsUrl = isTop && config.serverUrl ? webSocketUrl(config.serverUrl) : null;
  if (isTop && !config.serverUrl) {
    log.warn('no server URL: set data-gcb-url on the script tag');
  }
  const controller = new CobrowseController(wsUrl, log);
  callOnReady(config, controller.api, isTop, log.warn);
  whenBodyExists(() => {
    try {
      controller.init(isTop && !config.disableBuiltInUI);
    } catch (e) {
      log.debug('start-up failed', e);
    }
  });
}

try {
  main();
} catch (e) {
  // Never let a co-browse problem surface as an error of the host page.
  if (typeof console !== 'undefined') {
    console.debug('[co-browse] not started', e);
  }
}
