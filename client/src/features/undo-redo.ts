/** Undo and redo of graph changes (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y, the toolbar), each confirmed by a toast. */
import type { Explorer } from '../graph/explorer.ts';
import { showToast } from '../ui/toasts.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';

export class UndoRedo {
  constructor(
    private readonly explorer: Explorer,
    shortcuts: KeyboardShortcuts,
  ) {
    shortcuts.on(['Mod+z'], () => void this.undo());
    shortcuts.on(['Mod+Shift+z', 'Mod+y', 'Mod+Shift+y'], () => void this.redo());
  }

  async undo(): Promise<void> {
    const label = await this.explorer.undo();
    if (label) showToast(`Undid: ${label}`, 'info', { ms: 2000 });
  }

  async redo(): Promise<void> {
    const label = await this.explorer.redo();
    if (label) showToast(`Redid: ${label}`, 'info', { ms: 2000 });
  }
}
