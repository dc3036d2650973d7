// What the visitor shares while joined: a `page` frame per page visit and the rrweb stream of the page, restarted
// when a single-page app moves to another URL (its restrictions may differ) and re-snapshotted after a reconnect.
import { RestrictionSet } from '../protocol/messages';
import { Logger } from '../protocol/log';
import { RealtimeSocket } from '../protocol/socket';
import { DomStream } from './dom-stream';
import { MaskPolicy } from './masking';
import { UrlWatch } from './url-watch';

export class PageShare {
  private stream: DomStream | null = null;
  private readonly urlWatch = new UrlWatch(() => this.onUrlChange());
  private pageSent = false;
  private connected = false;
  /** The masking and restriction rules of the shared page: write mode checks every command against them. */
  policy: MaskPolicy | null = null;

  constructor(private readonly socket: RealtimeSocket, private readonly log: Logger) {}

  /** Joined or resumed: announce the page if not done yet, then start streaming or send a fresh snapshot. */
  connectedWith(restrictions: RestrictionSet[] | undefined): void {
    this.connected = true;
    if (!this.pageSent) {
      this.sendPage();
    }
    if (this.stream) {
      this.stream.takeSnapshot();
      return;
    }
    const policy = new MaskPolicy(restrictions, this.log);
    this.policy = policy;
    this.stream = new DomStream(policy, (text) => this.connected && this.socket.sendText(text), this.log);
    this.stream.start();
    this.urlWatch.start();
  }

  /** The socket dropped: nothing recorded until the reconnect can be sent, a new snapshot will follow it. */
  disconnected(): void {
    this.connected = false;
    if (this.stream) {
      this.stream.suspend();
    }
  }

  /** The server holds no snapshot (its buffer overflowed): send one. */
  snapshotRequested(): void {
    if (this.stream) {
      this.stream.takeSnapshot();
    }
  }

  stop(): void {
    this.connected = false;
    this.urlWatch.stop();
    if (this.stream) {
      this.stream.stop();
      this.stream = null;
    }
    this.policy = null;
  }

  private onUrlChange(): void {
    this.pageSent = false;
    if (this.connected) {
      this.sendPage();
    }
    if (this.stream) {
      this.stream.restart();
    }
  }

  /** Starts a page visit in the session history. */
  private sendPage(): void {
    this.pageSent = this.socket.send({ type: 'page', url: location.href, title: document.title || undefined });
  }
}
