/**
 * The PLAIN variant of the client benchmark (bundled by client-bench.ts with a Vite library
 * build): Cytoscape.js with its default style and fcose at its default quality, drawing the
 * same deterministic synthetic graph as the explorer's `?synthetic=N` (the client's own
 * generator, imported). Only change from fcose defaults: `animate: false`, as the explorer does.
 * Exposes `window.__benchTarget = { cy, whenIdle() }`, the same shape as `window.__splinternet`.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { syntheticGraph } from '../../client/src/graph/synthetic-graph.ts';

interface PlainConfig {
  n: number;
  kinds: string[];
  types: string[];
}

declare global {
  interface Window {
    __benchConfig?: PlainConfig;
    __benchTarget?: { cy: cytoscape.Core; whenIdle(): Promise<void> };
  }
}

cytoscape.use(fcose);

const config = window.__benchConfig!;
const { entities, relations } = syntheticGraph(config.n, config.kinds, config.types);
const elements: cytoscape.ElementDefinition[] = [
  ...entities.map((e) => ({ group: 'nodes' as const, data: { id: e.id, kind: e.kind, name: e.name } })),
  ...relations.map((r) => ({ group: 'edges' as const, data: { id: r.id, source: r.from.id, target: r.to.id, type: r.type } })),
];
const container = document.getElementById('cy')!;
// Drawn first where Cytoscape puts them (preset: all at the origin), laid out after a frame.
const cy = cytoscape({ container, elements, layout: { name: 'preset' } });

let resolveIdle!: () => void;
const idle = new Promise<void>((resolve) => (resolveIdle = resolve));
window.__benchTarget = { cy, whenIdle: () => idle };

requestAnimationFrame(() =>
  requestAnimationFrame(() =>
    setTimeout(() => {
      const layout = cy.layout({ name: 'fcose', animate: false } as cytoscape.LayoutOptions);
      layout.one('layoutstop', () => {
        cy.fit();
        resolveIdle();
      });
      layout.run();
    }, 0),
  ),
);
