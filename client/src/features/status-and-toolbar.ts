/**
 * The toolbar (#toolbar: undo/redo, layout, paths, export, share, WebGL, help) and the status
 * line (#status: what is drawn, hidden, the date, the zoom, the renderer), kept in step with
 * the graph, its history, the zoom and the paths panel.
 */
import type { GraphView } from '../graph/graph-view.ts';
import { byId, h, replaceChildren } from '../ui/dom.ts';
import { Toolbar } from '../ui/toolbar.ts';
import type { ExportAndShare } from './export-and-share.ts';
import type { GraphEvents } from './graph-events.ts';
import type { KeyboardShortcuts } from './keyboard-shortcuts.ts';
import type { LayoutChoice } from './layout-choice.ts';
import type { Paths } from './paths.ts';
import type { ScaleModes } from './scale-modes.ts';
import type { UndoRedo } from './undo-redo.ts';

/** The features the toolbar's buttons act on. */
export interface ToolbarFeatures {
  undoRedo: Pick<UndoRedo, 'undo' | 'redo'>;
  layout: Pick<LayoutChoice, 'name' | 'use'>;
  paths: Pick<Paths, 'isOpen' | 'toggle' | 'subscribe'>;
  exports: Pick<ExportAndShare, 'exportAs' | 'share'>;
  scale: Pick<ScaleModes, 'settings' | 'webglOffered' | 'toggleWebgl'>;
  help: Pick<KeyboardShortcuts, 'toggleHelp'>;
}

export class StatusAndToolbar {
  private readonly toolbar: Toolbar;
  private readonly status = byId('status');

  constructor(
    private readonly view: GraphView,
    private readonly features: ToolbarFeatures,
    events: GraphEvents,
  ) {
    const { undoRedo, layout, paths, exports, scale, help } = features;
    this.toolbar = new Toolbar(byId('toolbar'), {
      undo: () => void undoRedo.undo(),
      redo: () => void undoRedo.redo(),
      layout: (name) => void layout.use(name),
      paths: () => paths.toggle(),
      exportAs: (format, decorations) => exports.exportAs(format, decorations),
      share: () => void exports.share(),
      toggleWebgl: () => scale.toggleWebgl(),
      help: () => help.toggleHelp(),
    });
    view.subscribe(() => {
      this.updateStatus();
      this.updateToolbar();
    });
    view.history.subscribe(() => this.updateToolbar());
    paths.subscribe(() => this.updateToolbar());
    events.on('zoom', () => this.updateStatus());
    this.updateToolbar();
    this.updateStatus();
  }

  private updateToolbar(): void {
    const { history } = this.view;
    const { layout, paths, scale } = this.features;
    this.toolbar.update({
      canUndo: history.canUndo,
      canRedo: history.canRedo,
      undoLabel: history.undoLabel,
      redoLabel: history.redoLabel,
      layout: layout.name,
      webglOffered: scale.webglOffered,
      webglOn: scale.settings.webgl,
      pathsOpen: paths.isOpen,
    });
  }

  private updateStatus(): void {
    const { cy, hidden, filters } = this.view;
    const { settings } = this.features.scale;
    const hiddenNodes = hidden.hiddenNodes.size;
    const hiddenEdges = hidden.hiddenEdges.size;
    // Relations whose partial dates leave the "as of" day open are drawn, but counted apart.
    const uncertain = hidden.uncertainEdges.size;
    // "What changed" keeps relations drawn that ended before the date: not in force either.
    const ended = filters.asOf ? cy.edges('.change-ended').filter((e) => !e.hasClass('filtered')).length : 0;
    replaceChildren(
      this.status,
      h('b', {}, cy.nodes().length - hiddenNodes),
      ' entities · ',
      h('b', {}, cy.edges().length - hiddenEdges - uncertain - ended),
      filters.asOf ? ' relations in force' : ' relations',
      uncertain > 0 ? h('span', { class: 'status-uncertain' }, ` · ${uncertain} uncertain`) : '',
      ended > 0 ? ` · ${ended} ended (what changed)` : '',
      hiddenNodes + hiddenEdges > 0 ? ` · ${hiddenNodes + hiddenEdges} hidden by filters` : '',
      filters.asOf ? ` · as of ${filters.asOf}` : '',
      ` · ${Math.round(cy.zoom() * 100)}%`,
      settings.mode !== 'normal' ? ` · ${settings.mode} graph mode` : '',
      settings.webgl ? ' · WebGL' : '',
    );
  }
}
