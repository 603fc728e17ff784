/**
 * PNG export through Cytoscape's own renderer (the whole graph, at twice the screen size), with
 * the legend and caption of export-decorations.ts drawn below it on a canvas when asked for.
 */
import type { Core } from 'cytoscape';
import { THEME } from '../graph/graph-style.ts';
import { decorationsWidth, layoutDecorations, type LegendEntry, type MeasureText } from './export-decorations.ts';
import { nodeShapePath } from './node-shape-path.ts';

const SCALE = 2;
const MARGIN = 24;
const FONT = 'Inter, "Segoe UI", system-ui, sans-serif';

export interface PngDecorations {
  legend: LegendEntry[] | null;
  caption: string[] | null;
}

export async function exportPng(cy: Core, decorations: PngDecorations = { legend: null, caption: null }): Promise<Blob> {
  const options = { full: true, scale: SCALE, bg: THEME.background, maxWidth: 8000, maxHeight: 8000 } as const;
  if (!decorations.legend?.length && !decorations.caption?.length) return cy.png({ ...options, output: 'blob' });
  const graph = await loadImage(cy.png({ ...options, output: 'base64uri' }));
  const measureCanvas = document.createElement('canvas').getContext('2d')!;
  const measure: MeasureText = (text, size) => {
    measureCanvas.font = `${size}px ${FONT}`;
    return measureCanvas.measureText(text).width;
  };
  // In picture units (CSS px); the canvas is SCALE times larger, like the graph image.
  const graphWidth = graph.width / SCALE;
  const block = layoutDecorations(decorations.legend, decorations.caption, Math.max(graphWidth - 2 * MARGIN, 480), measure);
  const width = Math.max(graphWidth, decorationsWidth(block, measure) + 2 * MARGIN);
  const height = graph.height / SCALE + block.height + 2 * MARGIN;
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * SCALE);
  canvas.height = Math.ceil(height * SCALE);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = THEME.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(graph, 0, 0);
  ctx.scale(SCALE, SCALE);
  ctx.translate(MARGIN, graph.height / SCALE + MARGIN);
  for (const item of block.items) {
    if (item.type === 'text') {
      ctx.font = `${item.size}px ${FONT}`;
      ctx.fillStyle = item.muted ? THEME.edgeLabel : THEME.label;
      ctx.fillText(item.text, item.x, item.y);
    } else if (item.entry.kind !== 'relation') {
      const c = item.size / 2;
      ctx.fillStyle = item.entry.color;
      ctx.fill(new Path2D(nodeShapePath(item.entry.shape ?? 'ellipse', item.x + c, item.y + c, item.size, item.size)));
    } else {
      ctx.strokeStyle = item.entry.color;
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(item.x, item.y + item.size / 2);
      ctx.lineTo(item.x + item.size, item.y + item.size / 2);
      ctx.stroke();
    }
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the browser could not encode the PNG'))), 'image/png'),
  );
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the drawing could not be read back as an image'));
    img.src = src;
  });
}
