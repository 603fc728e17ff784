/**
 * What the app tells the user about itself: the loading indicator, the screen-reader
 * announcer, error toasts (and the list of errors the test hook reports), and the message that
 * replaces the graph when the app cannot start. Owns #loading, #announcer and #stage's message.
 */
import { ApiError } from '../api/graphql-client.ts';
import { byId, h, replaceChildren } from '../ui/dom.ts';
import { showError } from '../ui/toasts.ts';

export class Feedback {
  /** Every error message shown, oldest first. */
  readonly errors: string[] = [];
  private readonly loading = byId('loading');
  private readonly announcer = byId('announcer');

  /**
   * Shows a failure as a toast (with Retry when `retry` is given) and records it. Returns a
   * function that dismisses the toast, for a feature whose later success makes it stale.
   */
  report(error: unknown, action: string, retry?: () => void): () => void {
    this.errors.push(messageOf(error));
    return showError(error, action, retry);
  }

  setLoading(on: boolean, text = 'Loading…'): void {
    this.loading.hidden = !on;
    this.loading.querySelector('.loading-text')!.textContent = text;
  }

  /** Tells screen readers what just happened on the canvas. */
  announce(text: string): void {
    this.announcer.textContent = text;
  }

  /** A message in place of the graph when the app cannot start: never a blank page. */
  fatal(error: unknown, retry: () => void): void {
    this.errors.push(messageOf(error));
    const message = error instanceof ApiError ? error.userMessage() : String(error);
    replaceChildren(byId('status'), 'Not connected.');
    byId('stage').append(
      h(
        'div',
        { class: 'stage-message', role: 'alert' },
        h('h2', {}, 'The graph could not be loaded'),
        h('p', {}, message),
        h('button', { class: 'btn primary', type: 'button', onclick: retry }, 'Retry'),
      ),
    );
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
