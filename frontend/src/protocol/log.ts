// Console output of the scripts. Host pages must stay quiet: debug lines appear only when debug is on.

export interface Logger {
  debug(...args: unknown[]): void;
  warn(...args: unknown[]): void;
}

export function createLogger(prefix: string, debug: () => boolean): Logger {
  return {
    debug: (...args) => {
      if (debug() && typeof console !== 'undefined') {
        console.debug(prefix, ...args);
      }
    },
    warn: (...args) => {
      if (typeof console !== 'undefined') {
        console.warn(prefix, ...args);
      }
    },
  };
}
