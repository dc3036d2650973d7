// Server URLs: the page gives the HTTP base URL (e.g. https://host:8700/cobrowse); the WebSocket is at {base}/ws.

/** The base URL without a trailing slash. */
export function trimBaseUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

/** http → ws, https → wss, plus the endpoint path. Relative bases resolve against the page. */
export function webSocketUrl(baseUrl: string): string {
  const absolute = new URL(trimBaseUrl(baseUrl) + '/ws', location.href);
  absolute.protocol = absolute.protocol === 'https:' ? 'wss:' : 'ws:';
  return absolute.toString();
}

/**
 * The server base URL of a script served at {base}/js/{file}: its src without "/js/{file}" and without query or hash.
 * Null when the src does not end that way.
 */
export function baseUrlFromScriptSrc(src: string | null | undefined, file: string): string | null {
  if (!src) {
    return null;
  }
  const absolute = new URL(src, location.href);
  const path = absolute.pathname;
  const suffix = '/js/' + file;
  if (!path.endsWith(suffix)) {
    return null;
  }
  return trimBaseUrl(absolute.origin + path.slice(0, path.length - suffix.length));
}
