/**
 * The Cytoscape stylesheet. Colours and shapes come from node data (set from the `ontology`
 * query), so the sheet itself names no kind. Large graphs drop edge labels and curves.
 */
import type { NodeSingular, StylesheetJson } from 'cytoscape';
import { LABEL_PX, labelFontSize, labelMaxWidth } from './legible-labels.ts';
import type { RendererSettings } from './scale-policy.ts';

/** Theme colours shared with the CSS (keep in step with client/src/styles.css). */
export const THEME = {
  background: '#0f141b',
  label: '#d8dee9',
  labelOutline: '#0f141b',
  edge: '#566175',
  edgeLabel: '#9aa6b8',
  accent: '#ffb000',
  path: '#36c5f0',
  pinned: '#ffffff',
  /** Elements a seed edit just changed (live updates). */
  live: '#ff7ad9',
  /** "What changed": relations that appeared, and that ended, between two dates. */
  appeared: '#7bd88f',
  ended: '#ff6b6b',
} as const;

/** Node diameter grows with degree, from `min` at `fromDegree` to `max` at `toDegree`. */
export const NODE_SIZE = { fromDegree: 1, toDegree: 60, min: 22, max: 54 } as const;

/** The drawn diameter of a node of this degree (what the stylesheet's mapData gives). */
export function nodeDiameter(degree: number): number {
  const { fromDegree, toDegree, min, max } = NODE_SIZE;
  const t = Math.min(1, Math.max(0, (degree - fromDegree) / (toDegree - fromDegree)));
  return min + t * (max - min);
}

export function buildStylesheet(settings: RendererSettings): StylesheetJson {
  const size = `mapData(degree, ${NODE_SIZE.fromDegree}, ${NODE_SIZE.toDegree}, ${NODE_SIZE.min}, ${NODE_SIZE.max})`;
  const big = settings.mode !== 'normal';
  const huge = settings.mode === 'huge';
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(color)',
        shape: 'data(shape)' as never,
        width: size,
        height: size,
        label: 'data(label)',
        color: THEME.label,
        'font-family': 'Inter, "Segoe UI", system-ui, sans-serif',
        // Normal-size graphs keep labels at LABEL_PX on screen when zoomed out (legible-labels.ts).
        'font-size': big ? LABEL_PX : (n: NodeSingular) => labelFontSize(n.cy().zoom()),
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': big ? '140px' : (n: NodeSingular) => `${labelMaxWidth(n.cy().zoom())}px`,
        'text-outline-color': THEME.labelOutline,
        'text-outline-width': 2,
        // Labels disappear when they would be drawn smaller than this on screen.
        'min-zoomed-font-size': huge ? 16 : big ? 11 : 7,
        // Thousands of thin borders cost a stroke each and show nothing at that zoom.
        'border-width': huge ? 0 : 1,
        'border-color': '#0b0f14',
        'overlay-opacity': 0,
      },
    },
    {
      selector: 'edge',
      style: {
        width: big ? 1 : 1.4,
        'line-color': 'data(color)',
        'target-arrow-color': 'data(color)',
        'target-arrow-shape': huge ? 'none' : 'triangle',
        'arrow-scale': 0.8,
        'curve-style': huge ? 'haystack' : big ? 'straight' : 'bezier',
        ...(huge ? { 'haystack-radius': 0 } : {}),
        opacity: 0.85,
        ...(big
          ? {}
          : {
              label: 'data(label)',
              'font-size': 9,
              color: THEME.edgeLabel,
              'text-rotation': 'autorotate',
              'text-outline-color': THEME.labelOutline,
              'text-outline-width': 2,
              'min-zoomed-font-size': 10,
            }),
        'overlay-opacity': 0,
      },
    },
    // Dashes are not drawn by the WebGL renderer; low confidence shows as faint there.
    settings.webgl
      ? { selector: 'edge[confidence = "LOW"]', style: { opacity: 0.45 } }
      : { selector: 'edge[confidence = "LOW"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 3] } },
    ...statusRules(settings),
    { selector: '.filtered', style: { display: 'none' } },
    // A partial date leaves it open whether the relation is in force on the "as of" day.
    { selector: 'edge.uncertain', style: { 'line-style': 'dotted', opacity: 0.7 } },
    // What changed between two dates: shape and line style tell them apart, not colour alone.
    { selector: 'edge.change-context', style: { opacity: 0.2 } },
    {
      selector: 'edge.change-appeared',
      style: { width: 4, 'line-style': 'solid', opacity: 1, 'z-index': 15, 'underlay-color': THEME.appeared, 'underlay-opacity': 0.35, 'underlay-padding': 4 },
    },
    {
      selector: 'edge.change-ended',
      style: {
        width: 3,
        'line-style': 'dashed',
        'line-dash-pattern': [8, 5],
        'target-arrow-shape': 'tee',
        opacity: 1,
        'z-index': 15,
        'underlay-color': THEME.ended,
        'underlay-opacity': 0.3,
        'underlay-padding': 4,
      },
    },
    { selector: 'edge.change-uncertain', style: { 'line-style': 'dotted' } },
    { selector: 'node.pinned', style: { 'border-width': 3, 'border-color': THEME.pinned, 'border-style': 'double' } },
    { selector: '.faded', style: { opacity: 0.12, 'text-opacity': 0 } },
    { selector: '.dimmed', style: { opacity: 0.25 } },
    {
      selector: 'node.path',
      style: { 'border-width': 3, 'border-color': THEME.path, 'z-index': 20 },
    },
    {
      selector: 'edge.path',
      style: {
        width: 3.5,
        'line-color': THEME.path,
        'target-arrow-color': THEME.path,
        opacity: 1,
        'z-index': 20,
        color: '#e6f7ff',
      },
    },
    { selector: 'node.path-end', style: { 'border-width': 4, 'border-color': THEME.path } },
    {
      selector: 'node.hover',
      style: { 'border-width': 3, 'border-color': '#c8d3e6' },
    },
    {
      selector: 'node:selected',
      style: { 'border-width': 4, 'border-color': THEME.accent, 'z-index': 30 },
    },
    {
      selector: 'edge:selected',
      style: { width: 3.5, 'line-color': THEME.accent, 'target-arrow-color': THEME.accent, opacity: 1, 'z-index': 30 },
    },
    { selector: 'node.new', style: { 'border-width': 3, 'border-color': '#7bd88f' } },
    // Changed by a seed edit (live update), for a moment.
    {
      selector: 'node.live-changed',
      style: { 'border-width': 4, 'border-color': THEME.live, 'underlay-color': THEME.live, 'underlay-opacity': 0.35, 'underlay-padding': 8 },
    },
    { selector: 'edge.live-changed', style: { width: 4, 'line-color': THEME.live, 'target-arrow-color': THEME.live, opacity: 1 } },
  ];
}

/**
 * Contested and disputed relations, drawn by line and marker, not by colour alone: contested
 * (sources disagree) dash-dot with a hollow diamond at its start, disputed (only disputing
 * sources) dotted with a bar at its start (halfway, the edge label would cover the marker). The WebGL renderer draws neither dashes nor those markers, so
 * there they are wider (contested) or wider and faint (disputed).
 */
function statusRules(settings: RendererSettings): StylesheetJson {
  if (settings.webgl)
    return [
      { selector: 'edge[status = "CONTESTED"]', style: { width: 3 } },
      { selector: 'edge[status = "DISPUTED"]', style: { width: 3, opacity: 0.5 } },
    ];
  const marker = settings.mode === 'huge' ? {} : { 'arrow-scale': 1 };
  return [
    {
      selector: 'edge[status = "CONTESTED"]',
      style: {
        width: 2.4,
        'line-style': 'dashed',
        'line-dash-pattern': [12, 4, 2, 4],
        ...(settings.mode === 'huge' ? {} : { 'source-arrow-shape': 'diamond', 'source-arrow-fill': 'hollow', 'source-arrow-color': 'data(color)' }),
        ...marker,
      },
    },
    {
      selector: 'edge[status = "DISPUTED"]',
      style: {
        width: 2.4,
        'line-style': 'dotted',
        ...(settings.mode === 'huge' ? {} : { 'source-arrow-shape': 'tee', 'source-arrow-color': 'data(color)' }),
        ...marker,
      },
    },
  ] as StylesheetJson;
}
