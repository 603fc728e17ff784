/**
 * The preview panel's view of a draft's fields: a diagnostic about `input.relations[2].to` has
 * its place on the card of the candidate that became relations[2], so the shared preview panel
 * (edit-preview-panel.ts) hands it here instead of listing it above the diff. Local problems
 * (a malformed date typed in a card's editor) come from the editors of what will be written.
 */
import { FormFields } from '../authoring/form-fields.ts';
import { cardKey, draftTargetOf } from './draft-diagnostics.ts';
import type { DraftSaveSlots } from './draft-save-input.ts';

export class DraftFields extends FormFields {
  /** Which card each entry of the input being previewed came from. */
  slots: DraftSaveSlots = { entities: [], relations: [], evidence: [] };
  private readonly editors = new Map<FormFields, () => boolean>();

  /** `onProblems` gets the server's problems by card (`candidate:<id>`, `entity:<id>`), each "field: message". */
  constructor(private readonly onProblems: (byCard: Map<string, string[]>) => void) {
    super();
  }

  /** An editor's fields, whose local problems count while `counts()` says so, until removed. */
  addEditor(fields: FormFields, counts: () => boolean = () => true): () => void {
    this.editors.set(fields, counts);
    return () => this.editors.delete(fields);
  }

  override has(key: string): boolean {
    return draftTargetOf(key, this.slots) !== null || super.has(key);
  }

  override get localProblems(): string[] {
    return [...super.localProblems, ...[...this.editors].flatMap(([fields, counts]) => (counts() ? fields.localProblems : []))];
  }

  override setServer(byField: Map<string, string[]>): void {
    const byCard = new Map<string, string[]>();
    const rest = new Map<string, string[]>();
    for (const [key, messages] of byField) {
      const target = draftTargetOf(key, this.slots);
      if (!target) {
        rest.set(key, messages);
        continue;
      }
      const list = byCard.get(cardKey(target)) ?? [];
      for (const message of messages) list.push(target.field ? `${target.field}: ${message}` : message);
      byCard.set(cardKey(target), list);
    }
    super.setServer(rest);
    this.onProblems(byCard);
  }
}
