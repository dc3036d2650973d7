// Notices navigations that do not load a new page (single-page apps: pushState, replaceState, back and forward), so
// that the session records the page visit and re-snapshots under the new URL's restrictions. A changed #hash alone
// is not a new page.

const CHECK_EVERY_MS = 500;

function pageUrl(): string {
  return location.href.split('#')[0];
}

export class UrlWatch {
  private timer: ReturnType<typeof setInterval> | null = null;
  private last = pageUrl();
  private readonly check = () => {
    const now = pageUrl();
    if (now !== this.last) {
      this.last = now;
      this.changed();
    }
  };

  constructor(private readonly changed: () => void) {}

  start(): void {
    if (this.timer) {
      return;
    }
    this.last = pageUrl();
    // No patching of history.pushState: polling is cheap and leaves the host page's objects alone.
    this.timer = setInterval(this.check, CHECK_EVERY_MS);
    window.addEventListener('popstate', this.check);
  }

  stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
    window.removeEventListener('popstate', this.check);
  }
}
