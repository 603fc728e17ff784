/**
 * The composition root: loads the ontology, creates the graph state (what is drawn and the
 * actions on it), then one object per feature, and opens the first view. Features talk through
 * the graph state and the small interfaces they take here; each owns its DOM, keys and events
 * (see client/README.md, "Feature modules").
 */
import { GraphQLClient } from './api/graphql-client.ts';
import { editToken } from './features/authoring/edit-token.ts';
import { BOOTSTRAP } from './api/operations.ts';
import { Explorer } from './graph/explorer.ts';
import { GraphView } from './graph/graph-view.ts';
import { OntologyState } from './graph/ontology-state.ts';
import { decodeViewState } from './graph/url-state.ts';
import { byId } from './ui/dom.ts';
import { installAppTestHook } from './features/app-test-hook.ts';
import { Appearance } from './features/appearance.ts';
import { Authoring } from './features/authoring/authoring.ts';
import { DraftFromArticle } from './features/draft/draft-from-article.ts';
import { ExpansionActions } from './features/expansion.ts';
import { ExportAndShare } from './features/export-and-share.ts';
import { Feedback } from './features/feedback.ts';
import { FiltersAndTime } from './features/filters-and-time.ts';
import { GraphEvents } from './features/graph-events.ts';
import { HiddenEntities } from './features/hidden-entities.ts';
import { InspectorWiring } from './features/inspector-wiring.ts';
import { KeyActors } from './features/key-actors.ts';
import { KeyboardShortcuts } from './features/keyboard-shortcuts.ts';
import { LayoutChoice } from './features/layout-choice.ts';
import { LiveUpdates } from './features/live-updates.ts';
import { MetricsRefresh } from './features/metrics-refresh.ts';
import { NodeMenu } from './features/node-menu.ts';
import { Paths } from './features/paths.ts';
import { ScaleModes } from './features/scale-modes.ts';
import { Search } from './features/search.ts';
import { ShareableUrl } from './features/shareable-url.ts';
import { SideDrawers } from './features/side-drawers.ts';
import { StatusAndToolbar } from './features/status-and-toolbar.ts';
import { UndoRedo } from './features/undo-redo.ts';
import { ViewportControls } from './features/viewport-controls.ts';
import { WhatChanged } from './features/what-changed.ts';

/** The opening view: the two rival initiatives and their neighbours. */
const OPENING_IDS = ['clean-network', 'global-initiative-on-data-security'];

export async function startApp(): Promise<void> {
  const api = new GraphQLClient({ bearerToken: () => editToken.get() });
  const feedback = new Feedback();

  // Every panel is built from the ontology and the counts: they come first.
  feedback.setLoading(true, 'Loading the ontology…');
  const boot = await api.request(BOOTSTRAP, {}).catch((error: unknown) => {
    feedback.fatal(error, () => window.location.reload());
    return null;
  });
  feedback.setLoading(false);
  if (!boot) return;
  const ontology = new OntologyState(boot.ontology, boot.stats);

  // The graph state: what is drawn (with undo), the canvas's events and keys, the actions.
  const container = byId('cy');
  const view = new GraphView(ScaleModes.firstCy(container), ontology.kindStyles, undefined, ontology.typeColors);
  const events = new GraphEvents(view, container);
  const shortcuts = new KeyboardShortcuts(view, container);
  const viewport = new ViewportControls(view, shortcuts);
  new SideDrawers(shortcuts);
  // Its callbacks reach `scale` and `layout`, made next: they run only once an action does.
  const explorer: Explorer = new Explorer(view, api, {
    onError: (error, action) => feedback.report(error, action),
    onBusy: (busy, action) => {
      feedback.setLoading(busy, `${action}…`);
      // Switching to a smaller renderer waits for the end of an action.
      if (!busy) scale.check();
    },
    onAdded: (ids, focus) => viewport.focusOn(ids, focus),
    layoutName: () => layout.name,
    beforeGrow: (count) => scale.check(count),
  });
  const scale = new ScaleModes(explorer, container);
  const layout = new LayoutChoice(explorer, shortcuts);

  // The features.
  const filters = new FiltersAndTime(view, ontology, shortcuts, api);
  const whatChanged = new WhatChanged(api, explorer, feedback, filters.changesSlot);
  new Search(api, explorer, ontology, feedback, shortcuts);
  const expansion = new ExpansionActions(explorer, feedback, events, shortcuts);
  const appearance = new Appearance(view);
  new KeyActors(api, ontology, expansion, viewport, feedback);
  const paths = new Paths(api, explorer, ontology, feedback, filters, events, shortcuts);
  const inspector = new InspectorWiring(api, view, ontology, feedback, expansion, paths, events, shortcuts);
  new HiddenEntities(explorer, expansion, inspector, feedback);
  const authoring = new Authoring(api, view, ontology, feedback, inspector, shortcuts);
  const menuSections = [
    (id: string) => expansion.menuItems(id),
    (id: string) => paths.menuItems(id),
    () => inspector.menuItems(),
    (id: string) => authoring.menuItems(id),
  ];
  new NodeMenu(view, container, menuSections, events, shortcuts);
  const live = new LiveUpdates(api, explorer, ontology, inspector, feedback);
  new MetricsRefresh(api, explorer, ontology, feedback);
  const url = new ShareableUrl(explorer, [layout, filters, whatChanged, appearance], events);
  whatChanged.onChange(() => url.schedule());
  appearance.onChange(() => url.schedule());
  const undoRedo = new UndoRedo(explorer, shortcuts);
  const exports = new ExportAndShare(
    view,
    url,
    feedback,
    () => live.state.version,
    () => appearance,
  );
  new StatusAndToolbar(view, { undoRedo, layout, paths, exports, scale, help: shortcuts }, events);
  // After the toolbar, which has its slot.
  new DraftFromArticle(api, explorer, ontology, feedback, authoring, shortcuts);
  installAppTestHook({ explorer, inspector, scale, layout, feedback, live, authoring, appearance });
  void authoring.start();

  // The first view: a synthetic graph (`?synthetic=N`), the view of a link, or the opening view.
  // Live updates start before it, so no seed change made while it loads is missed (a synthetic
  // graph is not in the database: it has none).
  const link = decodeViewState(location.hash);
  const synthetic = ScaleModes.syntheticSize();
  if (synthetic === 0) live.start();
  if (synthetic > 0) await scale.openSynthetic(synthetic, ontology, feedback);
  else if (link && link.entities.length > 0) await url.restore(link);
  else {
    await explorer.openNeighbourhood(OPENING_IDS, 'Open the Clean Network and the Global Initiative on Data Security');
    view.history.clear();
  }
  if (!link) filters.showDefaults();
}
