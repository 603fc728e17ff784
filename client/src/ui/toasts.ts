/** Messages in the corner: errors from the API, confirmations, "show N more" offers. */
import { ApiError } from '../api/graphql-client.ts';
import { byId, h } from './dom.ts';

export type ToastKind = 'info' | 'error' | 'success';

export interface ToastAction {
  label: string;
  run(): void;
}

/** Shows a message; errors stay until dismissed, others for `ms`. Returns a dismiss function. */
export function showToast(message: string, kind: ToastKind = 'info', options: { actions?: ToastAction[]; ms?: number } = {}): () => void {
  const host = byId('toasts');
  // The same message twice (say, two requests failing together) shows once.
  for (const existing of host.querySelectorAll<HTMLElement>('.toast .msg')) {
    if (existing.textContent === message) return () => existing.parentElement?.remove();
  }
  const close = () => toast.remove();
  const toast = h(
    'div',
    { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('div', { class: 'msg' }, message),
    h(
      'div',
      { class: 'actions' },
      (options.actions ?? []).map((a) =>
        h(
          'button',
          {
            class: 'btn small',
            type: 'button',
            onclick: () => {
              close();
              a.run();
            },
          },
          a.label,
        ),
      ),
      h('button', { class: 'btn small icon', type: 'button', 'aria-label': 'Dismiss', onclick: close }, '×'),
    ),
  );
  host.append(toast);
  while (host.children.length > 4) host.firstElementChild?.remove();
  const ms = options.ms ?? (kind === 'error' ? 0 : 5000);
  if (ms > 0) setTimeout(close, ms);
  return close;
}

/** A toast for a failure, in words the user can act on. Returns a dismiss function. */
export function showError(error: unknown, action: string, retry?: () => void): () => void {
  const message = error instanceof ApiError ? error.userMessage() : `${action} failed: ${error instanceof Error ? error.message : String(error)}`;
  return showToast(message, 'error', retry ? { actions: [{ label: 'Retry', run: retry }] } : {});
}
