/**
 * `window.__splinternet`: a read-only view of the app for browser tests and the curious, in
 * every build. `cy` is the live Cytoscape instance (it changes when the renderer does);
 * `state` reports what is drawn and set; `whenIdle()` resolves when no action is running.
 */
import type { Core } from 'cytoscape';
import type { SeedEvent } from '../api/live-operations.ts';
import type { FilterState } from '../graph/filters.ts';
import type { SeedBannerState } from './seed-banner.ts';
import type { AppearanceLegend } from '../graph/appearance-legend.ts';

export interface SplinternetHook {
  readonly cy: Core;
  readonly state: {
    readonly entities: string[];
    readonly relations: string[];
    /** Drawn and not hidden by filters. */
    readonly visibleEntities: string[];
    readonly visibleRelations: string[];
    readonly filters: FilterState;
    readonly selected: string | null;
    readonly inspector: { kind: 'entity' | 'relation'; id: string } | null;
    readonly busy: boolean;
    readonly canUndo: boolean;
    readonly canRedo: boolean;
    /** Labels of what Undo and Redo would do next. */
    readonly undoLabel: string | undefined;
    readonly redoLabel: string | undefined;
    readonly renderer: { mode: string; webgl: boolean; /** Times the Cytoscape instance was rebuilt for a new mode. */ rebuilds: number };
    readonly layout: string;
    readonly errors: string[];
    /** Live updates: the last seed event, the version drawn, updates carried out, the banner. */
    readonly seed: {
      readonly lastEvent: SeedEvent | null;
      readonly version: string | null;
      readonly updates: number;
      readonly connection: string;
      readonly banner: SeedBannerState;
    };
    /** Whether this page may write ('write'), only preview ('propose') or neither; the edits saved from it. */
    readonly authoring: { mode: string; drawing: boolean; edits: number; lastDiff: string | null };
    /** What node size and colour stand for, and the legend shown for it (graph/appearance-legend.ts). */
    readonly appearance: { size: string; color: string; legend: AppearanceLegend };
  };
  whenIdle(): Promise<void>;
}

declare global {
  interface Window {
    __splinternet?: SplinternetHook;
  }
}

export function installTestHook(hook: SplinternetHook): void {
  Object.defineProperty(window, '__splinternet', { value: Object.freeze(hook), writable: false, configurable: false });
}
