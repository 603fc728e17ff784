/**
 * The seed edits saved from this page, newest last, for "Undo last edit": each undo is the
 * reverse of an edit's diff (reverse-patch.ts), previewed and then applied by applySeedPatch.
 */
import type { SeedEdit } from '../../api/authoring-operations.ts';

export class EditHistory {
  private readonly edits: SeedEdit[] = [];
  private readonly listeners = new Set<() => void>();

  get last(): SeedEdit | undefined {
    return this.edits[this.edits.length - 1];
  }

  get size(): number {
    return this.edits.length;
  }

  push(edit: SeedEdit): void {
    this.edits.push(edit);
    this.emit();
  }

  /** Forgets `edit` once it has been undone. */
  remove(edit: SeedEdit): void {
    const i = this.edits.lastIndexOf(edit);
    if (i >= 0) this.edits.splice(i, 1);
    this.emit();
  }

  subscribe(listener: () => void): void {
    this.listeners.add(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
