// The built-in UI of write mode: the consent prompt when an agent asks for control (Allow / Deny), and while an agent
// has control an unmistakable indicator (a coloured frame around the viewport and "NAME is controlling this page —
// Stop"). It lives in the built-in UI's root, which rrweb blocks: agents never see it and can never click it.
import { Agent } from './agents';
import { BLOCK_CLASS } from './dom-stream';

interface OpenRequest {
  agent: Agent;
  respond(allow: boolean): void;
}

export class ControlUi {
  private readonly requests: OpenRequest[] = [];
  private readonly prompt: HTMLElement;
  private readonly promptTitle: HTMLElement;
  private readonly frame: HTMLElement;
  private readonly banner: HTMLElement;
  private readonly bannerText: HTMLElement;

  /** @param revoke one click on Stop takes control back */
  constructor(root: HTMLElement, revoke: () => void) {
    this.prompt = element('div', 'gcb-prompt gcb-hidden', 'gcb-control-prompt');
    this.prompt.setAttribute('role', 'alertdialog');
    this.promptTitle = element('p', 'gcb-prompt-title', 'gcb-control-prompt-text');
    const hint = element('p', 'gcb-prompt-hint', '');
    hint.textContent = 'They could click, type and open pages here for you. You can stop it at any time.';
    const buttons = element('div', 'gcb-prompt-buttons', '');
    const deny = button('gcb-btn gcb-secondary', 'gcb-control-deny', 'Deny', () => this.answer(false));
    const allow = button('gcb-btn', 'gcb-control-allow', 'Allow', () => this.answer(true));
    buttons.append(deny, allow);
    this.prompt.append(this.promptTitle, hint, buttons);

    this.frame = element('div', 'gcb-frame gcb-hidden', 'gcb-control-frame');
    this.banner = element('div', 'gcb-banner gcb-hidden', 'gcb-control-banner');
    this.banner.setAttribute('role', 'status');
    this.bannerText = element('span', '', 'gcb-control-text');
    this.banner.append(this.bannerText, button('gcb-btn gcb-exit', 'gcb-control-stop', 'Stop', revoke));
    root.append(this.frame, this.banner, this.prompt);
  }

  /** Shows the question (after those already waiting); a second request of the same agent replaces the first. */
  ask(agent: Agent, respond: (allow: boolean) => void): void {
    this.close(agent.id);
    this.requests.push({ agent, respond });
    this.render();
  }

  /** The request needs no answer any more (answered elsewhere, or the agent left). */
  close(agentId: string): void {
    const index = this.requests.findIndex((r) => r.agent.id === agentId);
    if (index >= 0) {
      this.requests.splice(index, 1);
      this.render();
    }
  }

  /** The indicator: shown with the name of the agent in control, hidden in pointer mode. */
  showController(agent: Agent | null): void {
    this.bannerText.textContent = agent ? agent.name + ' is controlling this page' : '';
    this.frame.classList.toggle('gcb-hidden', !agent);
    this.banner.classList.toggle('gcb-hidden', !agent);
  }

  /** The session ended: nothing to ask or show. */
  reset(): void {
    this.requests.length = 0;
    this.render();
    this.showController(null);
  }

  private answer(allow: boolean): void {
    const request = this.requests.shift();
    this.render();
    if (request) {
      request.respond(allow);
    }
  }

  private render(): void {
    const first = this.requests[0];
    this.promptTitle.textContent = first ? first.agent.name + ' asks to control this page' : '';
    this.prompt.classList.toggle('gcb-hidden', !first);
  }
}

function element(tag: string, classes: string, id: string): HTMLElement {
  const el = document.createElement(tag);
  el.className = (classes ? classes + ' ' : '') + BLOCK_CLASS;
  if (id) {
    el.id = id;
  }
  return el;
}

function button(classes: string, id: string, text: string, onClick: () => void): HTMLButtonElement {
  const el = element('button', classes, id) as HTMLButtonElement;
  el.type = 'button';
  el.textContent = text;
  el.addEventListener('click', () => {
    try {
      onClick();
    } catch {
      // a failure here must never surface as an error of the host page
    }
  });
  return el;
}
