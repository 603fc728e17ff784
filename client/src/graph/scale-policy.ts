/**
 * How the drawing adapts to size. Thresholds count drawn elements (nodes + edges); past each
 * one the client trades detail for speed, following Cytoscape's performance guide.
 */

/** From here on: straight edges, no edge labels, texture while panning. */
export const LARGE_GRAPH = 2_000;
/** From here on: haystack edges (no arrows), labels only when zoomed in. */
export const HUGE_GRAPH = 6_000;
/**
 * Above this many nodes the force layout is force-layout.ts (d3-force's model, Barnes-Hut
 * charge) in a Web Worker instead of fcose on the main thread: the page keeps responding.
 */
export const FORCE_LAYOUT_NODES = 250;
/** Big graphs are added, and big layouts and undos applied, this many elements a chunk (chunks a frame apart). */
export const DRAW_CHUNK = 500;
/** Above this many nodes layouts jump instead of animating. */
export const ANIMATE_LAYOUT_NODES = 400;
/** The WebGL renderer is offered from here on (when the browser has WebGL 2). */
export const WEBGL_OFFER = LARGE_GRAPH;

export type ScaleMode = 'normal' | 'large' | 'huge';

/** The scale mode for a number of drawn elements. */
export function scaleModeFor(elementCount: number): ScaleMode {
  if (elementCount >= HUGE_GRAPH) return 'huge';
  if (elementCount >= LARGE_GRAPH) return 'large';
  return 'normal';
}

/**
 * The mode to switch to for `count` drawn elements, or undefined to stay in `current`. Going
 * down needs some slack (80 % of the threshold), so a graph near a threshold does not flip back
 * and forth. `allowDown` is false while an action is drawing: it chose the mode for the size it
 * will reach, and a count taken midway (the empty instance just created for it, the entities
 * before their relations) must not switch back — that drew whole big graphs in normal mode and
 * then rebuilt them at the end.
 */
export function nextScaleMode(current: ScaleMode, count: number, allowDown: boolean): ScaleMode | undefined {
  const rank = { normal: 0, large: 1, huge: 2 } as const;
  const up = scaleModeFor(count);
  if (rank[up] > rank[current]) return up;
  if (!allowDown) return undefined;
  const down: ScaleMode = count >= HUGE_GRAPH * 0.8 ? 'huge' : count >= LARGE_GRAPH * 0.8 ? 'large' : 'normal';
  return rank[down] < rank[current] ? down : undefined;
}

/** Renderer settings fixed when a Cytoscape instance is created. */
export interface RendererSettings {
  mode: ScaleMode;
  webgl: boolean;
}

/** Cytoscape init options for a scale mode; `webgl` only when the browser supports it. */
export function rendererOptions(settings: RendererSettings): {
  textureOnViewport: boolean;
  hideEdgesOnViewport: boolean;
  hideLabelsOnViewport: boolean;
  pixelRatio: number | 'auto';
  motionBlur: boolean;
  renderer?: { name: 'canvas'; webgl: true };
} {
  const big = settings.mode !== 'normal';
  return {
    textureOnViewport: big && !settings.webgl,
    hideEdgesOnViewport: settings.mode === 'huge' && !settings.webgl,
    hideLabelsOnViewport: big,
    pixelRatio: big ? 1 : 'auto',
    motionBlur: false,
    ...(settings.webgl ? { renderer: { name: 'canvas' as const, webgl: true as const } } : {}),
  };
}
