// Where the agent's browser loads the mirrored page's assets from: the co-browse server only (its page allows nothing
// else). Every http(s) asset URL becomes {gcbUrl}/proxy?s=SESSION&k=KEY&u=URL. Assets of the page's own origin may
// need the visitor's cookies or sit on an intranet the server cannot reach, so the script reads them itself and
// uploads them (`&up=1` tells the server to wait for that upload); others are fetched by the server's proxy.
import { Logger } from '../protocol/log';
import { findOwnScript, readConfig } from './config';
import { base64Url, sha256 } from './sha256';
import { loadSession } from './storage';

/** The server refuses larger uploads (assets.maxSize, 5 MiB by default); not worth reading them. */
const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
const PARALLEL_UPLOADS = 4;
/** Length of the asset key: 22 Base64url characters of SHA-256("gcb-assets:" + the customer's userToken). */
const KEY_LENGTH = 22;

export class AssetLinks {
  private readonly proxyBase: string;
  private readonly uploaded = new Set<string>();
  private readonly queue: string[] = [];
  private running = 0;

  constructor(private readonly serverUrl: string, sessionToken: string, private readonly userToken: string,
    private readonly log: Logger) {
    const key = assetKey(userToken);
    this.proxyBase = serverUrl + '/proxy?s=' + encodeURIComponent(sessionToken) + '&k=' + key + '&u=';
  }

  /** For the page being recorded now, or null when the session or the server URL is unknown (nothing rewritten). */
  static forThisPage(log: Logger): AssetLinks | null {
    const session = loadSession();
    const serverUrl = readConfig(findOwnScript()).serverUrl;
    return session && serverUrl ? new AssetLinks(serverUrl, session.sessionToken, session.userToken, log) : null;
  }

  /**
   * The URL the mirror should load instead of `reference` (resolved against `base`): a proxy URL for http(s), the
   * reference itself for data:, blob:, fragments and what is already served by the co-browse server.
   */
  proxied(reference: string, base: string): string {
    const trimmed = reference.trim();
    if (!trimmed || trimmed.charAt(0) === '#' || /^(data|blob|about):/i.test(trimmed)) {
      return reference;
    }
    let url: URL;
    try {
      url = new URL(trimmed, base);
    } catch (e) {
      return reference;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.href.indexOf(this.serverUrl + '/') === 0) {
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : 'about:invalid';
    }
    const fragment = url.hash; // an SVG sprite's symbol: applies to the proxied document as it did to the original
    url.hash = '';
    const sameOrigin = url.origin === location.origin;
    if (sameOrigin) {
      this.upload(url.href);
    }
    return this.proxyBase + encodeURIComponent(url.href) + (sameOrigin ? '&up=1' : '') + fragment;
  }

  /** Reads a same-origin asset with the visitor's cookies and hands it to the server, once per URL. */
  private upload(url: string): void {
    if (this.uploaded.has(url)) {
      return;
    }
    this.uploaded.add(url);
    this.queue.push(url);
    this.next();
  }

  private next(): void {
    while (this.running < PARALLEL_UPLOADS && this.queue.length) {
      const url = this.queue.shift() as string;
      this.running++;
      this.send(url).catch((e) => this.log.debug('asset upload failed', url, e)).then(() => {
        this.running--;
        this.next();
      });
    }
  }

  private async send(url: string): Promise<void> {
    const asset = await fetch(url, { credentials: 'include', cache: 'force-cache' });
    if (!asset.ok) {
      return;
    }
    const length = Number(asset.headers.get('Content-Length') || '0');
    if (length > MAX_UPLOAD_BYTES) {
      return;
    }
    const body = await asset.blob();
    if (body.size > MAX_UPLOAD_BYTES) {
      return;
    }
    await fetch(this.serverUrl + '/proxy/upload?u=' + encodeURIComponent(url), {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'Content-Type': body.type || 'application/octet-stream', 'X-Cobrowse-User': this.userToken },
      body,
    });
  }
}

/** The asset key the server derives from the customer's userToken (see AssetKey on the server). */
export function assetKey(userToken: string): string {
  const bytes = new TextEncoder().encode('gcb-assets:' + userToken);
  return base64Url(sha256(bytes)).slice(0, KEY_LENGTH);
}
