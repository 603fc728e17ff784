/**
 * Creates the Cytoscape instance for a scale mode (and WebGL when asked and available), and
 * probes WebGL 2 support once.
 */
import cytoscape, { type Core } from 'cytoscape';
import edgehandles from 'cytoscape-edgehandles';
import fcose from 'cytoscape-fcose';
import { buildStylesheet } from '../graph/graph-style.ts';
import { keepLabelsLegible } from '../graph/legible-labels.ts';
import { rendererOptions, type RendererSettings } from '../graph/scale-policy.ts';

let registered = false;
let webglSupport: boolean | undefined;

/** Whether this browser can run Cytoscape's WebGL renderer (a WebGL 2 context). */
export function webglAvailable(): boolean {
  if (webglSupport === undefined) {
    try {
      const canvas = document.createElement('canvas');
      webglSupport = canvas.getContext('webgl2') !== null;
    } catch {
      webglSupport = false;
    }
  }
  return webglSupport;
}

export function createCy(container: HTMLElement, settings: RendererSettings): Core {
  if (!registered) {
    cytoscape.use(fcose);
    // Drawing relations between entities (features/authoring/draw-relations.ts).
    cytoscape.use(edgehandles);
    registered = true;
  }
  const webgl = settings.webgl && webglAvailable();
  const cy = cytoscape({
    container,
    style: buildStylesheet({ ...settings, webgl }),
    minZoom: 0.05,
    maxZoom: 4,
    selectionType: 'single',
    boxSelectionEnabled: false,
    ...rendererOptions({ ...settings, webgl }),
  } as cytoscape.CytoscapeOptions);
  if (settings.mode === 'normal') keepLabelsLegible(cy);
  return cy;
}
