/** PNG export through Cytoscape's own renderer (the whole graph, at twice the screen size). */
import type { Core } from 'cytoscape';
import { THEME } from '../graph/graph-style.ts';

export function exportPng(cy: Core): Blob {
  return cy.png({ output: 'blob', full: true, scale: 2, bg: THEME.background, maxWidth: 8000, maxHeight: 8000 });
}
