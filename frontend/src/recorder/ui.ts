// The built-in UI: a "Co-browse" button, then a bar with the code to read aloud, the state and an Exit button.
// Every element has class rr-block, so rrweb records the UI as an empty 0×0 placeholder and agents never see it.
import { BLOCK_CLASS } from './dom-stream';
import { UI_CSS } from './ui-style';

export interface UiActions {
  start(): void;
  exit(): void;
}

export class BuiltInUi {
  private root: HTMLElement | null = null;
  private startButton: HTMLButtonElement | null = null;
  private bar: HTMLElement | null = null;
  private code: HTMLElement | null = null;
  private state: HTMLElement | null = null;

  constructor(private readonly actions: UiActions) {}

  /** Adds the UI to the page once the body exists. */
  mount(): void {
    if (this.root) {
      return;
    }
    const root = element('div', 'gcb-root');
    root.id = 'gcb-root';
    const style = element('style', '');
    style.textContent = UI_CSS;
    root.appendChild(style);

    const start = element('button', 'gcb-btn gcb-start') as HTMLButtonElement;
    start.id = 'gcb-start-button';
    start.type = 'button';
    start.textContent = 'Co-browse';
    start.title = 'Share this page with a support agent';
    start.addEventListener('click', () => this.actions.start());
    root.appendChild(start);

    const bar = element('div', 'gcb-bar gcb-hidden');
    bar.id = 'gcb-session-bar';
    bar.setAttribute('role', 'status');
    const info = element('div', 'gcb-info');
    const label = element('span', 'gcb-label');
    label.textContent = 'Co-browse code';
    const code = element('span', 'gcb-code');
    code.id = 'gcb-session-code';
    const state = element('span', 'gcb-state');
    state.id = 'gcb-session-state';
    info.append(label, code, state);
    const exit = element('button', 'gcb-btn gcb-exit') as HTMLButtonElement;
    exit.id = 'gcb-exit-button';
    exit.type = 'button';
    exit.textContent = 'Exit';
    exit.addEventListener('click', () => this.actions.exit());
    bar.append(info, exit);
    root.appendChild(bar);

    document.body.appendChild(root);
    this.root = root;
    this.startButton = start;
    this.bar = bar;
    this.code = code;
    this.state = state;
  }

  /** The UI's root element, where write mode adds its prompt and indicator (null before mount). */
  get rootElement(): HTMLElement | null {
    return this.root;
  }

  /** Shows the bar instead of the button. The code is grouped by three for reading aloud: "845 800 826". */
  showSession(token: string): void {
    if (!this.bar || !this.code || !this.startButton) {
      return;
    }
    this.code.textContent = token.replace(/(\d{3})(?=\d)/g, '$1 ');
    this.startButton.classList.add('gcb-hidden');
    this.bar.classList.remove('gcb-hidden');
  }

  showState(text: string, connected: boolean): void {
    if (this.state) {
      this.state.textContent = text;
      this.state.classList.toggle('gcb-connected', connected);
    }
  }

  /** Back to the "Co-browse" button. */
  showIdle(): void {
    if (this.bar && this.startButton) {
      this.bar.classList.add('gcb-hidden');
      this.startButton.classList.remove('gcb-hidden');
      this.startButton.disabled = false;
    }
  }

  /** Between the click and the code: the button cannot start a second session. */
  showStarting(): void {
    if (this.startButton) {
      this.startButton.disabled = true;
    }
  }
}

function element(tag: string, classes: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = (classes ? classes + ' ' : '') + BLOCK_CLASS;
  return el;
}
