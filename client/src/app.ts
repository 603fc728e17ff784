/**
 * The composition root: fetches the ontology and counts, creates the graph and the panels,
 * wires events and shortcuts, keeps the URL in step with the view, and exposes the test hook.
 */
import type { Core, EventObject, NodeSingular, Position } from 'cytoscape';
import { ApiError, GraphQLClient } from './api/graphql-client.ts';
import { BOOTSTRAP, type BootstrapResult, type EntitySummary, type PathResult } from './api/operations.ts';
import { datedFilename, downloadBlob, downloadText } from './export/download.ts';
import { buildCsv } from './export/export-csv.ts';
import { collectExportData } from './export/export-data.ts';
import { buildJsonExport, serializeJsonExport } from './export/export-json.ts';
import { exportPng } from './export/export-png.ts';
import { buildSvg, svgInputFromCy } from './export/export-svg.ts';
import { nearestInDirection, type ArrowDirection } from './graph/arrow-navigation.ts';
import { kindStylesFrom, typeColorsFrom } from './graph/element-model.ts';
import { remainingRelations } from './graph/expansion.ts';
import { Explorer } from './graph/explorer.ts';
import { countBy, NO_FILTERS } from './graph/filters.ts';
import { GraphView } from './graph/graph-view.ts';
import { drawLargeGraph } from './graph/draw-large-graph.ts';
import type { LayoutName } from './graph/layouts.ts';
import { DRAW_CHUNK, LARGE_GRAPH, nextScaleMode, WEBGL_OFFER, type RendererSettings } from './graph/scale-policy.ts';
import { syntheticGraph } from './graph/synthetic-graph.ts';
import { decodeViewState, encodeViewState, type ViewState } from './graph/url-state.ts';
import { fitView } from './graph/viewport.ts';
import { ContextMenu } from './ui/context-menu.ts';
import { createCy, webglAvailable } from './ui/cy-factory.ts';
import { byId, h, isTyping, replaceChildren } from './ui/dom.ts';
import { EntityCombobox } from './ui/entity-combobox.ts';
import { FilterSidebar } from './ui/filter-sidebar.ts';
import { HelpOverlay } from './ui/help-overlay.ts';
import { InspectorPanel } from './ui/inspector-panel.ts';
import { PathPanel } from './ui/path-panel.ts';
import { installTestHook } from './ui/test-hook.ts';
import { showError, showToast } from './ui/toasts.ts';
import { Toolbar } from './ui/toolbar.ts';

/** The opening view: the two rival initiatives and their neighbours. */
const OPENING_IDS = ['clean-network', 'global-initiative-on-data-security'];

export async function startApp(): Promise<void> {
  const api = new GraphQLClient();
  const errors: string[] = [];
  const reportError = (error: unknown, action: string, retry?: () => void) => {
    errors.push(error instanceof Error ? error.message : String(error));
    showError(error, action, retry);
  };

  const loading = byId('loading');
  const setLoading = (on: boolean, text = 'Loading…') => {
    loading.hidden = !on;
    loading.querySelector('.loading-text')!.textContent = text;
  };

  setLoading(true, 'Loading the ontology…');
  let boot: BootstrapResult;
  try {
    boot = await api.request(BOOTSTRAP, {});
  } catch (error) {
    setLoading(false);
    errors.push(error instanceof Error ? error.message : String(error));
    renderFatal(error, () => window.location.reload());
    return;
  }
  setLoading(false);

  const { ontology, stats } = boot;
  const styles = kindStylesFrom(ontology.kinds);
  const typeColors = typeColorsFrom(ontology.relationTypes);
  const kindStyle = (kind: string) => styles.get(kind) ?? { color: '#8c8c8c', shape: 'ellipse' };
  const container = byId('cy');
  let settings: RendererSettings = { mode: 'normal', webgl: false };
  const view = new GraphView(createCy(container, settings), styles, undefined, typeColors);
  let layoutName: LayoutName = 'fcose';

  const explorer = new Explorer(view, api, {
    onError: (error, action) => reportError(error, action),
    onBusy: (busy, action) => {
      setLoading(busy, `${action}…`);
      // Switching down waits for the end of an action (see checkScale).
      if (!busy) checkScale();
    },
    onAdded: (ids, focus) => focusOn(ids, focus),
    layoutName: () => layoutName,
    beforeGrow: (count) => checkScale(count),
  });

  // --- Panels --------------------------------------------------------------------------------
  const sidebar = new FilterSidebar(byId('left'), {
    ontology,
    stats,
    typeColors,
    onChange: (filters) => {
      view.setFilters(filters);
      if (pathHighlight) highlightPaths(pathHighlight);
    },
  });

  const inspector = new InspectorPanel(
    byId('inspector'),
    api,
    ontology,
    view.cache,
    {
      isDrawn: (id) => view.has(id),
      isPinned: (id) => view.isPinned(id),
      remaining: (id) => {
        const record = view.expansionOf(id);
        return record ? remainingRelations(record) : undefined;
      },
      expand: (id) => void expand(id),
      collapse: (id) => void explorer.collapse(id),
      togglePin: (id) => void explorer.setPinned(id, !view.isPinned(id)).then(() => inspector.refresh()),
      hide: (id) => void explorer.hide([id]),
      pathFrom: (id) => openPathEnd('from', id),
      pathTo: (id) => openPathEnd('to', id),
      show: (id) => void showEntity(id),
      onError: (error) => reportError(error, 'Inspector'),
    },
    () => view.filters.asOf,
  );

  const search = new EntityCombobox({
    api,
    label: 'Search entities',
    placeholder: 'Search countries, companies, apps, officials…  ( / )',
    kindStyle,
    isDrawn: (id) => view.has(id),
    onPick: (entity) => void explorer.addEntity(entity).then(() => select(entity.id)),
    onError: (error) => reportError(error, 'Search'),
  });
  byId('search-slot').append(search.element);

  let pathHighlight: PathResult[] | null = null;
  const pathPanel = new PathPanel({
    api,
    ontology,
    kindStyle,
    isDrawn: (id) => view.has(id),
    find: (from, to, maxHops, types) => explorer.findPaths(from, to, maxHops, types),
    highlight: (paths) => highlightPaths(paths),
    clearHighlight: () => clearPathHighlight(),
    onError: (error) => reportError(error, 'Paths'),
  });
  byId('path-slot').append(pathPanel.element);

  const menu = new ContextMenu();
  const help = new HelpOverlay();

  const toolbar = new Toolbar(byId('toolbar'), {
    undo: () => void undo(),
    redo: () => void redo(),
    layout: (name) => {
      layoutName = name;
      void explorer.relayout(name, rootsForLayout());
      scheduleUrl();
    },
    paths: () => {
      pathPanel.toggle();
      updateToolbar();
    },
    exportAs: (format) => exportAs(format),
    share: () => void share(),
    toggleWebgl: () => {
      settings = { ...settings, webgl: !settings.webgl };
      rebuildCy();
    },
    help: () => help.toggle(),
  });

  const zoom = byId('zoom-controls');
  zoom.append(
    h('button', { class: 'btn icon', type: 'button', 'aria-label': 'Zoom in', title: 'Zoom in (+)', onclick: () => zoomBy(1.25) }, '+'),
    h('button', { class: 'btn icon', type: 'button', 'aria-label': 'Zoom out', title: 'Zoom out (−)', onclick: () => zoomBy(0.8) }, '−'),
    h('button', { class: 'btn icon', type: 'button', 'aria-label': 'Fit to screen', title: 'Fit (F)', onclick: () => fit() }, '⤢'),
  );

  // --- Graph events --------------------------------------------------------------------------
  let unselectTimer: ReturnType<typeof setTimeout> | undefined;
  const grabbed = new Map<string, Position>();

  function bindCy(cy: Core): void {
    cy.on('select', 'node, edge', (e: EventObject) => {
      clearTimeout(unselectTimer);
      const target = e.target as { id(): string; isNode(): boolean };
      if (target.isNode()) {
        void inspector.showEntity(target.id());
        const entity = view.cache.entities.get(target.id());
        if (entity) announce(`Selected ${entity.name}, ${entity.kind}, ${entity.degree} relations.`);
      } else {
        inspector.showRelation(target.id());
        const r = view.cache.relations.get(target.id());
        if (r)
          announce(
            `Selected relation: ${view.cache.entities.get(r.from.id)?.name ?? r.from.id} ${r.phrase} ${view.cache.entities.get(r.to.id)?.name ?? r.to.id}.`,
          );
      }
      scheduleUrl();
    });
    cy.on('unselect', 'node, edge', () => {
      clearTimeout(unselectTimer);
      unselectTimer = setTimeout(() => {
        if (view.cy.$(':selected').empty()) {
          inspector.showEmpty();
          scheduleUrl();
        }
      }, 50);
    });
    // Cytoscape reports a double tap for two quick taps anywhere; expand only when both hit this node.
    let lastTaps: string[] = [];
    cy.on('tap', (e: EventObject) => {
      const target = e.target as { id?: () => string; isNode?: () => boolean };
      lastTaps = [...lastTaps.slice(-1), target.isNode?.() ? target.id!() : ''];
    });
    cy.on('dbltap', 'node', (e: EventObject) => {
      const id = (e.target as NodeSingular).id();
      if (lastTaps.length === 2 && lastTaps.every((t) => t === id)) void expand(id);
    });
    cy.on('cxttap', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      node.select();
      const original = e.originalEvent as MouseEvent | undefined;
      const rect = container.getBoundingClientRect();
      const rendered = node.renderedPosition();
      const x = original?.clientX ?? rect.left + rendered.x;
      const y = original?.clientY ?? rect.top + rendered.y;
      openNodeMenu(node.id(), x, y);
    });
    // Hovering an entity brings out its neighbourhood (on graphs small enough to restyle fast).
    cy.on('mouseover', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      container.style.cursor = 'pointer';
      cy.batch(() => {
        node.addClass('hover');
        if (!pathHighlight && view.elementCount < LARGE_GRAPH) {
          cy.elements().not(node.closedNeighborhood()).addClass('dimmed');
        }
      });
    });
    cy.on('mouseout', 'node', (e: EventObject) => {
      container.style.cursor = '';
      cy.batch(() => {
        (e.target as NodeSingular).removeClass('hover');
        cy.$('.dimmed').removeClass('dimmed');
      });
    });
    cy.on('grab', 'node', (e: EventObject) => {
      grabbed.clear();
      const node = e.target as NodeSingular;
      grabbed.set(node.id(), { ...node.position() });
    });
    cy.on('free', 'node', (e: EventObject) => {
      const node = e.target as NodeSingular;
      if (grabbed.has(node.id())) {
        view.recordMoves(`Move ${view.cache.entities.get(node.id())?.name ?? node.id()}`, new Map(grabbed));
        grabbed.clear();
        scheduleUrl();
      }
    });
    cy.on('zoom', () => updateStatus());
  }
  bindCy(view.cy);

  // --- Actions -------------------------------------------------------------------------------
  const announcer = byId('announcer');
  /** Tells screen readers what just happened on the canvas. */
  function announce(text: string): void {
    announcer.textContent = text;
  }

  function select(id: string): void {
    const ele = view.cy.getElementById(id);
    if (ele.empty()) return;
    view.cy.$(':selected').not(ele).unselect();
    ele.select();
  }

  function selectedNodeId(): string | null {
    const node = view.cy.$('node:selected').first();
    return node.nonempty() ? node.id() : null;
  }

  async function expand(id: string): Promise<void> {
    const result = await explorer.expand(id);
    if (!result) return;
    const name = view.cache.entities.get(id)?.name ?? id;
    announce(`Expanded ${name}: ${result.added.length} new neighbours${result.remaining > 0 ? `, ${result.remaining} more relations not shown` : ''}.`);
    if (result.added.length === 0 && result.remaining === 0) showToast(`${name}: every neighbour is already in view.`, 'info', { ms: 3000 });
    else if (result.remaining > 0)
      showToast(`${name}: ${result.added.length} new neighbours; ${result.remaining} more relations not shown.`, 'info', {
        actions: [{ label: `Show ${Math.min(result.remaining, 25)} more`, run: () => void expand(id) }],
        ms: 8000,
      });
    if (selectedNodeId() === id) inspector.refresh();
  }

  async function showEntity(id: string): Promise<void> {
    if (!view.has(id)) {
      const entity = view.cache.entities.get(id) ?? ({ id, name: id } as EntitySummary);
      await explorer.addEntity(entity);
    }
    select(id);
  }

  function openPathEnd(which: 'from' | 'to', id: string): void {
    const entity = view.cache.entities.get(id);
    if (!entity) return;
    pathPanel.open({ which, entity });
    updateToolbar();
  }

  function openNodeMenu(id: string, x: number, y: number): void {
    const name = view.cache.entities.get(id)?.name ?? id;
    const record = view.expansionOf(id);
    const remaining = record ? remainingRelations(record) : undefined;
    const pinned = view.isPinned(id);
    menu.open(x, y, name, [
      {
        label: remaining ? `Expand: ${Math.min(25, remaining)} more of ${remaining}` : record ? 'Expand (all shown)' : 'Expand neighbours',
        shortcut: 'E',
        disabled: record !== undefined && !remaining,
        run: () => void expand(id),
      },
      { label: 'Collapse', shortcut: 'C', disabled: !record || record.added.length === 0, run: () => void explorer.collapse(id) },
      { label: pinned ? 'Unpin' : 'Pin in place', shortcut: 'P', run: () => void explorer.setPinned(id, !pinned).then(() => inspector.refresh()) },
      { label: 'Hide', shortcut: 'H', run: () => void explorer.hide([id]) },
      { label: 'Path from here…', shortcut: '⇧F', run: () => openPathEnd('from', id) },
      { label: 'Path to here…', shortcut: '⇧T', run: () => openPathEnd('to', id) },
      { label: 'Inspect', shortcut: 'Enter', run: () => byId('inspector').focus() },
    ]);
  }

  function openMenuAtNode(id: string): void {
    const node = view.cy.getElementById(id);
    const rect = container.getBoundingClientRect();
    const p = node.renderedPosition();
    openNodeMenu(id, rect.left + p.x, rect.top + p.y);
  }

  async function undo(): Promise<void> {
    const label = await explorer.undo();
    if (label) showToast(`Undid: ${label}`, 'info', { ms: 2000 });
  }

  async function redo(): Promise<void> {
    const label = await explorer.redo();
    if (label) showToast(`Redid: ${label}`, 'info', { ms: 2000 });
  }

  function zoomBy(factor: number): void {
    const cy = view.cy;
    cy.animate({ zoom: { level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } }, duration: 150 });
  }

  function fit(): void {
    fitView(view.cy, undefined, { maxZoom: 2 });
  }

  function rootsForLayout(): string[] | undefined {
    const selected = selectedNodeId();
    if (selected) return [selected];
    const top = view.cy.nodes(':visible').max((n) => n.degree(false));
    return top.ele ? [top.ele.id()] : undefined;
  }

  /** Brings new entities into view and briefly marks them; selects `focus`. */
  function focusOn(ids: string[], focus: string | null): void {
    const cy = view.cy;
    const added = cy.collection();
    for (const id of ids) added.merge(cy.getElementById(id));
    const target = focus ? cy.getElementById(focus) : cy.collection();
    const area = added.union(target);
    if (area.nonempty()) {
      const ext = cy.extent();
      const bb = area.boundingBox({});
      const outside = bb.x1 < ext.x1 || bb.x2 > ext.x2 || bb.y1 < ext.y1 || bb.y2 > ext.y2;
      if (outside) fitView(cy, area.union(area.neighborhood()), { padding: 60 });
    }
    added.addClass('new');
    setTimeout(() => added.removeClass('new'), 1600);
  }

  function highlightPaths(paths: PathResult[]): void {
    pathHighlight = paths;
    const cy = view.cy;
    cy.batch(() => {
      cy.elements().removeClass('path path-end faded');
      const on = cy.collection();
      for (const p of paths) {
        for (const n of p.nodes) on.merge(cy.getElementById(n.id));
        for (const e of p.edges) on.merge(cy.getElementById(e.id));
        const first = p.nodes[0];
        const last = p.nodes.at(-1);
        if (first) cy.getElementById(first.id).addClass('path-end');
        if (last) cy.getElementById(last.id).addClass('path-end');
      }
      on.addClass('path');
      cy.elements().not(on).addClass('faded');
    });
    const eles = cy.$('.path');
    if (eles.nonempty()) fitView(cy, eles, { padding: 80 });
  }

  function clearPathHighlight(): void {
    pathHighlight = null;
    view.cy.elements().removeClass('path path-end faded');
  }

  function exportAs(format: 'png' | 'svg' | 'json' | 'csv'): void {
    try {
      const data = () => collectExportData(view.cy, view.cache);
      switch (format) {
        case 'png':
          downloadBlob(exportPng(view.cy), datedFilename('png'));
          break;
        case 'svg':
          downloadText(buildSvg(svgInputFromCy(view.cy, 'splinternet view')), datedFilename('svg'), 'image/svg+xml');
          break;
        case 'json':
          downloadText(serializeJsonExport(buildJsonExport(data(), view.filters)), datedFilename('json'), 'application/json');
          break;
        case 'csv':
          downloadText(buildCsv(data()), datedFilename('csv'), 'text/csv');
          break;
      }
    } catch (error) {
      reportError(error, `Export ${format.toUpperCase()}`);
    }
  }

  async function share(): Promise<void> {
    writeUrl();
    try {
      await navigator.clipboard.writeText(window.location.href);
      showToast('Link to this view copied.', 'success', { ms: 2500 });
    } catch {
      showToast(`Copy this link: ${window.location.href}`, 'info', { ms: 10000 });
    }
  }

  // --- Scale ---------------------------------------------------------------------------------
  let rebuilds = 0;
  function rebuildCy(): void {
    rebuilds++;
    // Synchronous, so no loading text would ever be painted; and it must not hide the text of
    // the action that is drawing.
    view.replaceCy(() => createCy(container, settings));
    bindCy(view.cy);
    if (pathHighlight) highlightPaths(pathHighlight);
    updateToolbar();
    updateStatus();
  }

  /**
   * Switches scale mode when the drawing crosses a threshold. `projected`: the size an action is
   * about to reach (only ever switches up). While an action runs, only up; when it ends, down too.
   */
  function checkScale(projected?: number): void {
    const next = nextScaleMode(settings.mode, projected ?? view.elementCount, projected === undefined && !explorer.busy);
    if (next === undefined) return;
    settings = { mode: next, webgl: settings.webgl && next !== 'normal' };
    rebuildCy();
  }

  // --- Status, toolbar, URL ------------------------------------------------------------------
  const status = byId('status');
  function updateStatus(): void {
    const cy = view.cy;
    const hiddenNodes = view.hidden.hiddenNodes.size;
    const hiddenEdges = view.hidden.hiddenEdges.size;
    replaceChildren(
      status,
      h('b', {}, cy.nodes().length - hiddenNodes),
      ' entities · ',
      h('b', {}, cy.edges().length - hiddenEdges),
      ' relations',
      hiddenNodes + hiddenEdges > 0 ? ` · ${hiddenNodes + hiddenEdges} hidden by filters` : '',
      view.filters.asOf ? ` · as of ${view.filters.asOf}` : '',
      ` · ${Math.round(cy.zoom() * 100)}%`,
      settings.mode !== 'normal' ? ` · ${settings.mode} graph mode` : '',
      settings.webgl ? ' · WebGL' : '',
    );
  }

  function updateToolbar(): void {
    toolbar.update({
      canUndo: view.history.canUndo,
      canRedo: view.history.canRedo,
      undoLabel: view.history.undoLabel,
      redoLabel: view.history.redoLabel,
      layout: layoutName,
      webglOffered: webglAvailable() && (settings.webgl || view.elementCount >= WEBGL_OFFER),
      webglOn: settings.webgl,
      pathsOpen: pathPanel.isOpen,
    });
  }

  function updateCounts(): void {
    const cy = view.cy;
    const nodes = cy.nodes().filter((n) => !n.hasClass('filtered'));
    const edges = cy.edges().filter((e) => !e.hasClass('filtered'));
    // Counts of what is visible; a switched-off kind or type shows what it would bring back.
    const offKinds = new Set(view.filters.hiddenKinds);
    const offTypes = new Set(view.filters.hiddenTypes);
    sidebar.setCounts({
      kinds: countBy(
        cy.nodes().filter((n) => offKinds.has(String(n.data('kind'))) || !n.hasClass('filtered')),
        (n) => String(n.data('kind')),
      ),
      types: countBy(
        cy.edges().filter((e) => offTypes.has(String(e.data('type'))) || !e.hasClass('filtered')),
        (e) => String(e.data('type')),
      ),
      entities: nodes.length,
      relations: edges.length,
    });
  }

  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  let restoring = false;
  function scheduleUrl(): void {
    if (restoring) return;
    clearTimeout(urlTimer);
    urlTimer = setTimeout(writeUrl, 250);
  }

  function currentViewState(): ViewState {
    const cy = view.cy;
    const selected = cy.$(':selected').first();
    return {
      entities: cy.nodes().map((n) => ({ id: n.id(), x: n.position('x'), y: n.position('y') })),
      pinned: view.getMeta().pinned,
      selected: selected.nonempty() ? selected.id() : null,
      filters: view.filters,
      layout: layoutName,
    };
  }

  let lastHash = '';
  function writeUrl(): void {
    if (restoring || view.cy.nodes().empty()) return;
    const hash = encodeViewState(currentViewState());
    if (hash === lastHash) return;
    lastHash = hash;
    history.replaceState(null, '', `${location.pathname}${location.search}#${hash}`);
  }

  view.subscribe(() => {
    updateCounts();
    updateStatus();
    updateToolbar();
    checkScale();
    scheduleUrl();
  });
  view.history.subscribe(() => updateToolbar());

  // --- Keyboard ------------------------------------------------------------------------------
  document.addEventListener('keydown', (e) => {
    if (help.isOpen) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z' && !isTyping(e)) {
      e.preventDefault();
      void (e.shiftKey ? redo() : undo());
      return;
    }
    if (mod && e.key.toLowerCase() === 'y' && !isTyping(e)) {
      e.preventDefault();
      void redo();
      return;
    }
    if (mod || e.altKey || isTyping(e)) return;
    const selected = selectedNodeId();
    const arrows: Record<string, ArrowDirection> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };
    const direction = arrows[e.key];
    if (direction) {
      // Only when the canvas (or nothing in particular) has focus, so lists keep their arrows.
      const active = document.activeElement;
      if (active && active !== document.body && active !== container) return;
      e.preventDefault();
      moveSelection(direction);
      return;
    }
    const run = (fn: () => void) => {
      e.preventDefault();
      fn();
    };
    switch (e.key) {
      case '/':
        return run(() => search.focus());
      case '?':
        return run(() => help.toggle());
      case 'e':
      case 'E':
        if (selected) run(() => void expand(selected));
        return;
      case 'c':
      case 'C':
        if (selected) run(() => void explorer.collapse(selected));
        return;
      case 'p':
      case 'P':
        if (selected) run(() => void explorer.setPinned(selected, !view.isPinned(selected)).then(() => inspector.refresh()));
        return;
      case 'h':
      case 'H':
      case 'Delete':
      case 'Backspace':
        if (selected) run(() => void explorer.hide([selected]));
        return;
      case 'f':
        return run(() => fit());
      case 'F':
        if (selected) run(() => openPathEnd('from', selected));
        return;
      case 'T':
        if (selected) run(() => openPathEnd('to', selected));
        return;
      case '+':
      case '=':
        return run(() => zoomBy(1.25));
      case '-':
      case '_':
        return run(() => zoomBy(0.8));
      case 'l':
      case 'L':
        return run(() => void explorer.relayout(layoutName, rootsForLayout()));
      case 'a':
      case 'A':
        return run(() => {
          pathPanel.toggle();
          updateToolbar();
        });
      case 'd':
      case 'D':
        return run(() => sidebar.setAsOf(view.filters.asOf ? null : (stats.latestDate ?? null)));
      case 'Enter':
        if (document.activeElement === container || document.activeElement === document.body) run(() => byId('inspector').focus());
        return;
      case 'ContextMenu':
        if (selected) run(() => openMenuAtNode(selected));
        return;
      case 'F10':
        if (e.shiftKey && selected) run(() => openMenuAtNode(selected));
        return;
      case 'Escape':
        return run(() => {
          menu.close();
          if (pathHighlight) clearPathHighlight();
          else view.cy.$(':selected').unselect();
        });
    }
  });

  function moveSelection(direction: ArrowDirection): void {
    const cy = view.cy;
    const visible = cy.nodes(':visible');
    if (visible.empty()) return;
    const current = cy.nodes(':selected').first();
    let nextId: string | undefined;
    if (current.empty()) {
      const ext = cy.extent();
      const middle = { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
      const closest = visible.min((n) => Math.hypot(n.position('x') - middle.x, n.position('y') - middle.y));
      nextId = closest.ele?.id();
    } else {
      nextId = nearestInDirection(
        current.position(),
        visible.map((n) => ({ id: n.id(), position: n.position() })),
        direction,
      );
    }
    if (!nextId) return;
    select(nextId);
    const node = cy.getElementById(nextId);
    const ext = cy.extent();
    const p = node.position();
    if (p.x < ext.x1 || p.x > ext.x2 || p.y < ext.y1 || p.y > ext.y2) cy.animate({ center: { eles: node }, duration: 200 });
  }

  // --- Start ---------------------------------------------------------------------------------
  async function restoreFromUrl(state: ViewState): Promise<void> {
    restoring = true;
    try {
      layoutName = state.layout;
      sidebar.setFilters(state.filters);
      view.setFilters(state.filters);
      const missing = await explorer.restore(state.entities, state.pinned);
      view.history.clear();
      if (missing && missing.length > 0)
        showToast(
          `${missing.length} ${missing.length === 1 ? 'entity' : 'entities'} of the link ${missing.length === 1 ? 'is' : 'are'} no longer in the graph: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? '…' : ''}`,
          'info',
          { ms: 8000 },
        );
      if (state.selected) select(state.selected);
    } finally {
      restoring = false;
      lastHash = location.hash.slice(1);
      updateToolbar();
    }
  }

  async function openDefault(): Promise<void> {
    await explorer.openNeighbourhood(OPENING_IDS, 'Open the Clean Network and the Global Initiative on Data Security');
    view.history.clear();
    updateToolbar();
  }

  /**
   * `?synthetic=N`: a synthetic graph of about N elements, drawn as any big graph is
   * (draw-large-graph.ts: entities at seed positions while the worker lays them out, then the
   * relations).
   */
  async function openSynthetic(size: number): Promise<void> {
    const { entities, relations } = syntheticGraph(
      size,
      ontology.kinds.map((k) => k.name),
      ontology.relationTypes.map((t) => t.name),
    );
    await explorer.run(`Draw ${size} synthetic elements`, async () => {
      const t0 = performance.now();
      explorer.grow(entities.length + relations.length);
      const pending = view.begin('Synthetic graph');
      const at: Record<string, number> = {};
      const report = await drawLargeGraph(view, entities, relations, {
        chunk: DRAW_CHUNK,
        onPhase: (phase) => {
          at[phase] = performance.now();
          if (phase === 'layout') setLoading(true, 'Laying out…');
          if (phase === 'relations') setLoading(true, 'Drawing relations…');
        },
      });
      const t2 = performance.now();
      pending.commit();
      view.history.clear();
      const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
      console.info(
        `synthetic: from ${Math.round(t0)} ms: entities ${ms(t0, at.layout!)}, positions ${ms(at.layout!, at.relations!)} (compute in ${report.where} ${Math.round(report.computeMs)} ms), ` +
          `relations ${ms(at.relations!, t2)}, commit ${ms(t2, performance.now())}`,
      );
    });
  }

  window.addEventListener('hashchange', () => {
    if (location.hash.slice(1) === lastHash) return;
    const state = decodeViewState(location.hash);
    if (!state) return;
    view.clear();
    void restoreFromUrl(state);
  });

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
        const s = view.cy.$(':selected').first();
        return s.nonempty() ? s.id() : null;
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
        return { ...settings, rebuilds };
      },
      get layout() {
        return layoutName;
      },
      get errors() {
        return [...errors];
      },
    },
    whenIdle: () => explorer.run('Idle', async () => undefined).then(() => undefined),
  });

  updateToolbar();
  updateCounts();
  updateStatus();
  const synthetic = Number(new URLSearchParams(location.search).get('synthetic') ?? 0);
  const fromUrl = decodeViewState(location.hash);
  if (synthetic > 0) await openSynthetic(Math.min(synthetic, 50_000));
  else if (fromUrl && fromUrl.entities.length > 0) await restoreFromUrl(fromUrl);
  else await openDefault();
  if (!fromUrl) sidebar.setFilters(NO_FILTERS);
}

/** A message in place of the graph when the app cannot start: never a blank page. */
function renderFatal(error: unknown, retry: () => void): void {
  const message = error instanceof ApiError ? error.userMessage() : String(error);
  replaceChildren(byId('status'), 'Not connected.');
  byId('stage').append(
    h(
      'div',
      { class: 'stage-message', role: 'alert' },
      h('h2', {}, 'The graph could not be loaded'),
      h('p', {}, message),
      h('button', { class: 'btn primary', type: 'button', onclick: retry }, 'Retry'),
    ),
  );
}
