/**
 * Layout options per algorithm and graph size. fcose is the default force layout for small
 * graphs (past FORCE_LAYOUT_NODES the layout runner uses force-layout.ts in a Web Worker);
 * concentric (by degree), breadthfirst (from the selection) and grid are the alternatives.
 */
import type { LayoutOptions, NodeSingular } from 'cytoscape';
import { ANIMATE_LAYOUT_NODES } from './scale-policy.ts';

export const LAYOUT_NAMES = ['fcose', 'concentric', 'breadthfirst', 'grid'] as const;
export type LayoutName = (typeof LAYOUT_NAMES)[number];

export function isLayoutName(name: string): name is LayoutName {
  return (LAYOUT_NAMES as readonly string[]).includes(name);
}

export interface LayoutContext {
  nodeCount: number;
  /** Roots for breadthfirst (the selection, or the most connected entity). */
  roots?: string[];
  /** Whether to animate; forced off above ANIMATE_LAYOUT_NODES. @default true */
  animate?: boolean;
  /** @default true */
  fit?: boolean;
}

/** fcose options for a graph of `nodeCount` nodes (meant for a few hundred at most). */
export function fcoseOptions(nodeCount: number, extra: Record<string, unknown> = {}): LayoutOptions {
  return {
    name: 'fcose',
    quality: 'default',
    randomize: true,
    animate: false,
    fit: true,
    padding: 40,
    nodeDimensionsIncludeLabels: nodeCount < 300,
    packComponents: false,
    nodeRepulsion: () => (nodeCount > 400 ? 6000 : 16000),
    idealEdgeLength: () => (nodeCount > 400 ? 60 : 120),
    edgeElasticity: () => 0.45,
    nestingFactor: 0.1,
    gravity: 0.25,
    numIter: nodeCount > 300 ? 1200 : 2500,
    tile: true,
    ...extra,
  } as LayoutOptions;
}

/** Options for `name` over the whole drawn graph. */
export function layoutOptions(name: LayoutName, context: LayoutContext): LayoutOptions {
  const animate = (context.animate ?? true) && context.nodeCount <= ANIMATE_LAYOUT_NODES;
  const common = { animate, animationDuration: 450, fit: context.fit ?? true, padding: 40 };
  switch (name) {
    case 'fcose':
      return fcoseOptions(context.nodeCount, { ...common, animate: animate ? 'end' : false });
    case 'concentric':
      return {
        name: 'concentric',
        ...common,
        concentric: (node: NodeSingular) => node.degree(false),
        levelWidth: () => 3,
        minNodeSpacing: 18,
        avoidOverlap: true,
      } as LayoutOptions;
    case 'breadthfirst':
      return {
        name: 'breadthfirst',
        ...common,
        directed: false,
        // Hubs make levels dozens wide: past a few dozen nodes the tree reads better radially.
        circle: context.nodeCount > 20,
        spacingFactor: context.nodeCount > 20 ? 0.8 : 1.1,
        avoidOverlap: true,
        ...(context.roots && context.roots.length > 0 ? { roots: context.roots.map((id) => `#${cssEscape(id)}`).join(',') } : {}),
      } as LayoutOptions;
    case 'grid':
      return { name: 'grid', ...common, avoidOverlap: true, condense: true, avoidOverlapPadding: 12 } as LayoutOptions;
  }
}

/** Escapes an id for a Cytoscape selector (ids may contain `|`, `.`, `:`…). */
export function cssEscape(id: string): string {
  return id.replace(/([^a-zA-Z0-9_-])/g, '\\$1');
}
