/** The list of the write API's problems on a review card (a candidate's or a proposed entity's). */
import { h, replaceChildren } from '../../ui/dom.ts';

/** An empty, hidden list, read out when it fills. */
export function problemList(): HTMLUListElement {
  return h('ul', { class: 'cand-problems', 'aria-live': 'polite', hidden: true });
}

/** Shows `messages` in `list` (none hides it). */
export function showProblems(list: HTMLElement, messages: readonly string[]): void {
  replaceChildren(
    list,
    messages.map((m) => h('li', {}, m)),
  );
  list.hidden = messages.length === 0;
}
