/** A small SVG of a kind's shape and colour, as drawn on the canvas. */
import { nodeShapePath } from '../export/node-shape-path.ts';

const SVG = 'http://www.w3.org/2000/svg';

export function shapeSwatch(shape: string, color: string, size = 14): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('swatch');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', nodeShapePath(shape, size / 2, size / 2, size - 2, size - 2));
  path.setAttribute('fill', color);
  path.setAttribute('stroke', '#0b0f14');
  svg.append(path);
  return svg;
}
