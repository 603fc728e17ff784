/** Installs `window.__splinternet` (ui/test-hook.ts) over the features: what browser tests read. */
import type { Explorer } from '../graph/explorer.ts';
import { selectedElementId } from '../graph/selection.ts';
import { installTestHook } from '../ui/test-hook.ts';
import type { Appearance } from './appearance.ts';
import type { Authoring } from './authoring/authoring.ts';
import type { Feedback } from './feedback.ts';
import type { InspectorWiring } from './inspector-wiring.ts';
import type { LayoutChoice } from './layout-choice.ts';
import type { LiveUpdates } from './live-updates.ts';
import type { ScaleModes } from './scale-modes.ts';

/** What the hook reads from. */
export interface HookSources {
  explorer: Explorer;
  inspector: Pick<InspectorWiring, 'shown'>;
  scale: Pick<ScaleModes, 'settings' | 'rebuilds'>;
  layout: Pick<LayoutChoice, 'name'>;
  feedback: Pick<Feedback, 'errors'>;
  live: Pick<LiveUpdates, 'state'>;
  authoring: Pick<Authoring, 'mode' | 'drawing' | 'history'>;
  appearance: Pick<Appearance, 'current' | 'legend'>;
}

export function installAppTestHook({ explorer, inspector, scale, layout, feedback, live, authoring, appearance }: HookSources): void {
  const view = explorer.view;
  installTestHook({
    get cy() {
      return view.cy;
    },
    state: {
      get entities() {
        return view.entityIds();
      },
      get relations() {
        return view.cy.edges().map((e) => e.id());
      },
      get visibleEntities() {
        return view.cy
          .nodes()
          .filter((n) => !n.hasClass('filtered'))
          .map((n) => n.id());
      },
      get visibleRelations() {
        return view.cy
          .edges()
          .filter((e) => !e.hasClass('filtered'))
          .map((e) => e.id());
      },
      get filters() {
        return structuredClone(view.filters);
      },
      get selected() {
        return selectedElementId(view.cy);
      },
      get inspector() {
        return inspector.shown;
      },
      get busy() {
        return explorer.busy;
      },
      get canUndo() {
        return view.history.canUndo;
      },
      get canRedo() {
        return view.history.canRedo;
      },
      get undoLabel() {
        return view.history.undoLabel;
      },
      get redoLabel() {
        return view.history.redoLabel;
      },
      get renderer() {
        return { ...scale.settings, rebuilds: scale.rebuilds };
      },
      get layout() {
        return layout.name;
      },
      get errors() {
        return [...feedback.errors];
      },
      get seed() {
        return structuredClone(live.state);
      },
      get appearance() {
        return { ...appearance.current, legend: appearance.legend };
      },
      get authoring() {
        return { mode: authoring.mode, drawing: authoring.drawing, edits: authoring.history.size, lastDiff: authoring.history.last?.diff ?? null };
      },
    },
    whenIdle: () => explorer.run('Idle', async () => undefined).then(() => undefined),
  });
}
