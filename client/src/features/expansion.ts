/**
 * Acting on entities in the graph: expand (double-click, `E`, the menu; a cap per step with
 * "show N more"), collapse (`C`), pin (`P`), hide (`H`, Delete), and bring an entity into view
 * and select it. Tells listeners which entity changed, so the inspector can refresh its buttons.
 */
import type { EntitySummary } from '../api/operations.ts';
import { remainingRelations } from '../graph/expansion.ts';
import type { Explorer } from '../graph/explorer.ts';
import type { GraphView } from '../graph/graph-view.ts';
import { selectOnly } from '../graph/selection.ts';
import type { MenuItem } from '../ui/context-menu.ts';
import { showToast } from '../ui/toasts.ts';
import type { Feedback } from './feedback.ts';
import type { GraphEvents } from './graph-events.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';

/** Entities per "show more" step (Explorer's default cap). */
const STEP = 25;

export class ExpansionActions {
  private readonly view: GraphView;
  private readonly changed = new Set<(id: string) => void>();
  private readonly hiddenListeners = new Set<(entities: EntitySummary[]) => void>();

  constructor(
    private readonly explorer: Explorer,
    private readonly feedback: Pick<Feedback, 'announce'>,
    events: GraphEvents,
    shortcuts: KeyboardShortcuts,
  ) {
    this.view = explorer.view;
    events.on('doubleTap', ({ id }) => void this.expand(id));
    shortcuts.onEntity(['e', 'E'], (id) => void this.expand(id));
    shortcuts.onEntity(['c', 'C'], (id) => void this.collapse(id));
    shortcuts.onEntity(['p', 'P'], (id) => void this.togglePin(id));
    shortcuts.onEntity(['h', 'H', 'Delete', 'Backspace'], (id) => void this.hide(id));
  }

  /** Calls `listener` with the id of an entity whose expansion or pin state an action changed. */
  onEntityChanged(listener: (id: string) => void): void {
    this.changed.add(listener);
  }

  /** Calls `listener` with the entities a hide took out of the view. */
  onHidden(listener: (entities: EntitySummary[]) => void): void {
    this.hiddenListeners.add(listener);
  }

  /** How many of its relations expanding `id` has not shown yet (undefined: never expanded). */
  remaining(id: string): number | undefined {
    const record = this.view.expansionOf(id);
    return record ? remainingRelations(record) : undefined;
  }

  async expand(id: string): Promise<void> {
    const result = await this.explorer.expand(id);
    if (!result) return;
    const name = this.view.cache.entities.get(id)?.name ?? id;
    this.feedback.announce(
      `Expanded ${name}: ${result.added.length} new neighbours${result.remaining > 0 ? `, ${result.remaining} more relations not shown` : ''}.`,
    );
    if (result.added.length === 0 && result.remaining === 0) showToast(`${name}: every neighbour is already in view.`, 'info', { ms: 3000 });
    else if (result.remaining > 0)
      showToast(`${name}: ${result.added.length} new neighbours; ${result.remaining} more relations not shown.`, 'info', {
        actions: [{ label: `Show ${Math.min(result.remaining, STEP)} more`, run: () => void this.expand(id) }],
        ms: 8000,
      });
    this.emitChanged(id);
  }

  async collapse(id: string): Promise<void> {
    await this.explorer.collapse(id);
  }

  async togglePin(id: string): Promise<void> {
    await this.explorer.setPinned(id, !this.view.isPinned(id));
    this.emitChanged(id);
  }

  async hide(id: string): Promise<void> {
    const entity = this.view.cache.entities.get(id);
    await this.explorer.hide([id]);
    if (entity && !this.view.has(id)) for (const listener of this.hiddenListeners) listener([entity]);
  }

  /** Draws `entity` (with its relations to what is drawn) if it is not, and selects it. */
  async show(entity: EntitySummary): Promise<void> {
    if (!this.view.has(entity.id)) await this.explorer.addEntity(entity);
    selectOnly(this.view.cy, entity.id);
  }

  /** `show` for an id the client may know only by id (a link in the inspector). */
  showById(id: string): Promise<void> {
    return this.show(this.view.cache.entities.get(id) ?? ({ id, name: id } as EntitySummary));
  }

  /** The menu items for entity `id`: expand, collapse, pin, hide. */
  menuItems(id: string): MenuItem[] {
    const record = this.view.expansionOf(id);
    const remaining = this.remaining(id);
    const pinned = this.view.isPinned(id);
    return [
      {
        label: remaining ? `Expand: ${Math.min(STEP, remaining)} more of ${remaining}` : record ? 'Expand (all shown)' : 'Expand neighbours',
        shortcut: 'E',
        disabled: record !== undefined && !remaining,
        run: () => void this.expand(id),
      },
      { label: 'Collapse', shortcut: 'C', disabled: !record || record.added.length === 0, run: () => void this.collapse(id) },
      { label: pinned ? 'Unpin' : 'Pin in place', shortcut: 'P', run: () => void this.togglePin(id) },
      { label: 'Hide', shortcut: 'H', run: () => void this.hide(id) },
    ];
  }

  private emitChanged(id: string): void {
    for (const listener of this.changed) listener(id);
  }
}
