// The console's pointer and write mode controls: ask for control and give it back, the customer's back, forward and
// reload buttons (only while in control), and a short notice when the customer's page refuses a command.
import type { AgentHandle } from './index';

type ControlView = 'pointer' | 'waiting' | 'self' | 'other' | 'ended';

const REQUEST_ERRORS: Record<string, string> = {
  denied: 'The customer declined. You can still point at their page.',
  control_held: 'Another agent controls the page right now.',
  ended: '',
};

const REJECTIONS: Record<string, string> = {
  restricted: 'That element is reserved for the customer (for example a submit button).',
  masked: 'That field is private: only the customer can see or change it.',
  unknown_node: 'That element is no longer on the customer\u2019s page.',
  not_granted: 'You no longer control the customer\u2019s page.',
  unknown_action: 'The customer\u2019s page does not support that action.',
};

const POINTER_TEXT = 'Pointer mode: the customer sees your pointer and your clicks.';
const NOTICE_MS = 6000;

export function wireControl(session: AgentHandle, byId: (id: string) => HTMLElement): void {
  const state = byId('control-state');
  const request = byId('request-control') as HTMLButtonElement;
  const release = byId('release-control') as HTMLButtonElement;
  const historyButtons = ['history-back', 'history-forward', 'history-reload'].map((id) => byId(id) as HTMLButtonElement);
  const notice = byId('command-notice');
  let noticeTimer: ReturnType<typeof setTimeout> | null = null;

  function render(view: ControlView, text: string): void {
    state.textContent = text;
    document.body.setAttribute('data-control', view);
    request.hidden = view === 'self';
    request.disabled = view !== 'pointer';
    release.hidden = view !== 'self';
    historyButtons.forEach((button) => (button.disabled = view !== 'self'));
  }

  function tell(text: string): void {
    notice.textContent = text;
    if (noticeTimer) {
      clearTimeout(noticeTimer);
    }
    noticeTimer = setTimeout(() => (notice.textContent = ''), NOTICE_MS);
  }

  render('pointer', POINTER_TEXT);
  request.onclick = () => {
    render('waiting', 'Waiting for the customer to allow it\u2026');
    session.requestControl().catch((error: { code?: string }) => {
      const code = String((error && error.code) || 'internal');
      render(code === 'ended' ? 'ended' : 'pointer', code in REQUEST_ERRORS ? REQUEST_ERRORS[code]
        : 'Could not ask for control (' + code + ').');
    });
  };
  release.onclick = () => session.releaseControl();
  historyButtons[0].onclick = () => session.history('back');
  historyButtons[1].onclick = () => session.history('forward');
  historyButtons[2].onclick = () => session.history('reload');

  session.on('mode', (payload) => {
    const mode = payload as { mode: string; name: string | null; reason: string; self: boolean };
    if (mode.self) {
      render('self', 'You control the customer\u2019s page: your clicks, typing and scrolling act on it.');
    } else if (mode.mode === 'write') {
      render('other', (mode.name || 'Another agent') + ' controls the customer\u2019s page.');
    } else if (document.body.getAttribute('data-control') !== 'waiting') {
      render('pointer', mode.reason === 'revoked' ? 'The customer took control back. ' + POINTER_TEXT : POINTER_TEXT);
    }
  });
  session.on('command-rejected', (payload) => {
    const reason = String((payload as { reason: string }).reason);
    tell(REJECTIONS[reason] || 'The customer\u2019s page refused that (' + reason + ').');
  });
  session.on('ended', () => render('ended', ''));
}
