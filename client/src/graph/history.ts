/**
 * An undo/redo stack of changes. It knows nothing about graphs: `GraphView` records a
 * `GraphChange` for every change to the view and knows how to apply one either way.
 */

export interface HistoryEntry<C> {
  /** What the user did, for the Undo/Redo tooltips: "Expand Huawei". */
  label: string;
  change: C;
}

export class History<C> {
  private readonly done: HistoryEntry<C>[] = [];
  private readonly undone: HistoryEntry<C>[] = [];
  private readonly listeners = new Set<() => void>();

  /** @param limit how many changes can be undone @default 200 */
  constructor(private readonly limit = 200) {}

  /** Records a change that has just been made; clears the redo stack. */
  push(label: string, change: C): void {
    this.done.push({ label, change });
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
    this.emit();
  }

  /** Takes the last change off the undo stack; the caller reverts it. */
  undo(): HistoryEntry<C> | undefined {
    const entry = this.done.pop();
    if (entry) {
      this.undone.push(entry);
      this.emit();
    }
    return entry;
  }

  /** Takes the last undone change back; the caller re-applies it. */
  redo(): HistoryEntry<C> | undefined {
    const entry = this.undone.pop();
    if (entry) {
      this.done.push(entry);
      this.emit();
    }
    return entry;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }
  get canRedo(): boolean {
    return this.undone.length > 0;
  }
  /** Label of the change Undo would revert. */
  get undoLabel(): string | undefined {
    return this.done.at(-1)?.label;
  }
  get redoLabel(): string | undefined {
    return this.undone.at(-1)?.label;
  }

  /**
   * Rewrites every recorded change, done and undone (a change made outside the history, such as
   * an element removed from the graph itself, must not come back with an undo or a redo).
   */
  rewrite(fn: (change: C) => C): void {
    for (const entry of this.done) entry.change = fn(entry.change);
    for (const entry of this.undone) entry.change = fn(entry.change);
  }

  clear(): void {
    this.done.length = 0;
    this.undone.length = 0;
    this.emit();
  }

  /** Calls `listener` after every push, undo, redo or clear. Returns an unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
