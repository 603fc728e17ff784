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
/** Big graphs are added, and big layouts applied, this many elements a frame. */
export const DRAW_CHUNK = 1_000;
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
