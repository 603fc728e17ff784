/**
 * Puts an authoring form together: the dialog, its fields, the preview panel and the session
 * that previews and saves. A form gives its fields and a `compute` that turns them into the
 * request to send (or a reason it cannot be sent yet); this module does the rest.
 */
import type { GraphQLClient } from '../../api/graphql-client.ts';
import type { SeedEdit } from '../../api/authoring-operations.ts';
import { h } from '../../ui/dom.ts';
import { AuthoringDialog } from './authoring-dialog.ts';
import { EditPreviewPanel } from './edit-preview-panel.ts';
import { EditSession, type EditRequest } from './edit-session.ts';
import { FormFields } from './form-fields.ts';

export interface EditFormOptions {
  api: Pick<GraphQLClient, 'request'>;
  title: string;
  canWrite: boolean;
  saveLabel: string;
  danger?: boolean;
  /** Called once a save has been applied; the dialog is closed. */
  onSaved(edit: SeedEdit): void;
}

/** An open form: fill `fields` with rows, append them to `content`, call `changed()` on input. */
export class EditForm {
  readonly fields = new FormFields();
  readonly content: HTMLFormElement;
  readonly dialog: AuthoringDialog;
  private readonly session: EditSession;
  private readonly panel: EditPreviewPanel;
  private compute: () => EditRequest | string = () => 'Fill in the form.';

  constructor(private readonly options: EditFormOptions) {
    this.dialog = new AuthoringDialog(options.title, () => this.session.dispose());
    this.panel = new EditPreviewPanel({
      fields: this.fields,
      canWrite: options.canWrite,
      saveLabel: options.saveLabel,
      ...(options.danger ? { danger: true } : {}),
      onSave: () => void this.save(),
      onCancel: () => this.dialog.close(),
    });
    this.session = new EditSession(options.api, (state) => this.panel.render(state, this.fields.localProblems));
    this.content = h('form', { class: 'authoring-form', novalidate: true });
    this.content.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save();
    });
    this.content.addEventListener('input', () => this.changed());
    this.content.addEventListener('change', () => this.changed());
    this.dialog.body.append(this.content, this.panel.element);
  }

  /** Sets how the fields become a request, and previews it. */
  start(compute: () => EditRequest | string): void {
    this.compute = compute;
    this.changed();
  }

  /** The fields changed: preview the new request (unless the browser already sees a problem). */
  changed(): void {
    const request = this.compute();
    const local = this.fields.localProblems;
    if (typeof request === 'string') this.session.update(null, request);
    else if (local.length > 0) this.session.update(null, 'Fix the marked fields to see the change.');
    else this.session.update(request);
  }

  private async save(): Promise<void> {
    if (!this.options.canWrite) return;
    const edit = await this.session.save();
    if (edit) {
      this.dialog.close();
      this.options.onSaved(edit);
    } else this.fields.firstInvalid()?.focus();
  }
}
