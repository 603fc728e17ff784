/**
 * The lower half of every authoring form: what the change will write (the YAML diff, coloured),
 * the problems that have no field (file:line:column), a status line read to screen readers,
 * and the buttons — Save, or where this server refuses writes, "Download this change as a patch".
 */
import { downloadText } from '../../export/download.ts';
import { h, replaceChildren } from '../../ui/dom.ts';
import { placeDiagnostics } from './diagnostic-fields.ts';
import { renderDiff } from './diff-view.ts';
import type { SessionState } from './edit-session.ts';
import type { FormFields } from './form-fields.ts';

export interface PreviewPanelOptions {
  fields: FormFields;
  /** Whether this server lets us write; false offers the patch download instead of Save. */
  canWrite: boolean;
  saveLabel: string;
  /** Styles the save button as dangerous (retract, remove). */
  danger?: boolean;
  onSave(): void;
  onCancel(): void;
}

export class EditPreviewPanel {
  readonly element: HTMLElement;
  private readonly status = h('p', { class: 'preview-status', role: 'status', 'aria-live': 'polite' });
  private readonly problems = h('ul', { class: 'preview-problems', 'aria-live': 'polite', hidden: true });
  private readonly diffHost = h('div', { class: 'preview-diff' });
  private readonly saveButton: HTMLButtonElement;
  private readonly downloadButton: HTMLButtonElement;
  private diff = '';

  constructor(private readonly options: PreviewPanelOptions) {
    this.saveButton = h(
      'button',
      {
        class: `btn ${options.danger ? 'danger' : 'primary'}`,
        type: 'submit',
        disabled: true,
        hidden: !options.canWrite,
        onclick: (e: Event) => this.submit(e),
      },
      options.saveLabel,
    );
    this.downloadButton = h(
      'button',
      { class: 'btn', type: 'button', disabled: true, hidden: options.canWrite, onclick: () => this.download() },
      'Download this change as a patch',
    );
    this.element = h(
      'section',
      { class: 'preview', 'aria-label': 'What will be written' },
      h('h3', {}, 'What will be written'),
      this.status,
      this.problems,
      this.diffHost,
      h(
        'div',
        { class: 'form-actions' },
        this.saveButton,
        this.downloadButton,
        h('button', { class: 'btn', type: 'button', onclick: () => options.onCancel() }, 'Cancel'),
      ),
    );
  }

  /** Draws the session's state: diff, problems at their fields or here, the buttons. */
  render(state: SessionState, localProblems: readonly string[]): void {
    const fields = this.options.fields;
    const placed = placeDiagnostics(state.diagnostics, state.propertyNames, (key) => fields.has(key));
    fields.setServer(placed.byField);
    replaceChildren(
      this.problems,
      placed.general.map((text) => h('li', {}, h('code', {}, text))),
    );
    this.problems.hidden = placed.general.length === 0;
    const fieldCount = [...placed.byField.values()].reduce((n, list) => n + list.length, 0);
    const message =
      localProblems.length > 0
        ? 'Fix the marked fields to see the change.'
        : state.phase === 'invalid' && fieldCount > 0 && placed.general.length === 0
          ? `${state.message ?? ''} See the marked fields.`
          : state.message;
    replaceChildren(this.status, message ?? '');
    this.status.className = `preview-status ${state.phase}`;
    this.diff = state.phase === 'ready' || state.phase === 'saved' ? (state.preview?.diff ?? '') : '';
    const shown = state.preview?.diff ?? '';
    replaceChildren(this.diffHost, shown ? renderDiff(shown) : h('p', { class: 'hint' }, 'The diff of the seed files appears here as you fill in the form.'));
    this.diffHost.classList.toggle('stale', state.phase !== 'ready' && state.phase !== 'saved');
    const ready = state.phase === 'ready' && localProblems.length === 0;
    this.saveButton.disabled = !ready;
    this.downloadButton.disabled = !ready || !this.diff;
    if (state.forbidden && !this.options.canWrite) {
      replaceChildren(this.status, `This server does not preview changes either (${state.forbidden}), so no patch can be made here.`);
    }
  }

  private submit(e: Event): void {
    e.preventDefault();
    if (!this.saveButton.disabled) this.options.onSave();
  }

  private download(): void {
    if (!this.diff) return;
    downloadText(this.diff, `splinternet-change-${new Date().toISOString().slice(0, 10)}.patch`, 'text/x-diff');
  }
}
