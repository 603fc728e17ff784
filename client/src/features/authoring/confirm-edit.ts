/**
 * Retract a relation, remove an entity, undo an edit: a dialog that previews the change (the
 * diff, or why the server refuses it — an entity still used by relations is named with them)
 * and applies it on confirmation.
 */
import type { SeedEdit } from '../../api/authoring-operations.ts';
import type { GraphQLClient } from '../../api/graphql-client.ts';
import { h } from '../../ui/dom.ts';
import { EditForm } from './edit-form.ts';
import type { EditRequest } from './edit-session.ts';

export interface ConfirmEditOptions {
  api: Pick<GraphQLClient, 'request'>;
  canWrite: boolean;
  title: string;
  /** What it does, in a sentence. */
  lead: string;
  saveLabel: string;
  request: EditRequest;
  onSaved(edit: SeedEdit): void;
}

export function openConfirmEdit(options: ConfirmEditOptions): EditForm {
  const form = new EditForm({
    api: options.api,
    title: options.title,
    canWrite: options.canWrite,
    saveLabel: options.saveLabel,
    danger: true,
    onSaved: options.onSaved,
  });
  form.content.append(h('p', { class: 'claim' }, options.lead));
  form.start(() => options.request);
  form.dialog.focusFirst();
  return form;
}
