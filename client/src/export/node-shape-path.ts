/**
 * SVG outlines of Cytoscape node shapes, centred on (cx, cy) with size w × h. Used by the SVG
 * export and the legend's swatches, so both draw a kind the way the canvas does.
 */

type Pt = readonly [number, number];

/** Unit outlines in [-1, 1]², after Cytoscape's own polygon points. */
const POLYGONS: Record<string, readonly Pt[]> = {
  triangle: [
    [0, -1],
    [1, 1],
    [-1, 1],
  ],
  'round-triangle': [
    [0, -1],
    [1, 1],
    [-1, 1],
  ],
  diamond: [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
  ],
  'round-diamond': [
    [0, -1],
    [1, 0],
    [0, 1],
    [-1, 0],
  ],
  pentagon: regular(5),
  'round-pentagon': regular(5),
  hexagon: regular(6, 0),
  'round-hexagon': regular(6, 0),
  heptagon: regular(7),
  octagon: regular(8, Math.PI / 8),
  star: star(),
  tag: [
    [-1, -1],
    [0.5, -1],
    [1, 0],
    [0.5, 1],
    [-1, 1],
  ],
  'round-tag': [
    [-1, -1],
    [0.5, -1],
    [1, 0],
    [0.5, 1],
    [-1, 1],
  ],
  vee: [
    [-1, -1],
    [0, -0.333],
    [1, -1],
    [0, 1],
  ],
  rhomboid: [
    [-1, -1],
    [0.333, -1],
    [1, 1],
    [-0.333, 1],
  ],
  'right-rhomboid': [
    [-0.333, -1],
    [1, -1],
    [0.333, 1],
    [-1, 1],
  ],
};

function regular(sides: number, offset = -Math.PI / 2): Pt[] {
  return Array.from({ length: sides }, (_, i) => {
    const a = offset + (2 * Math.PI * i) / sides;
    return [Math.cos(a), Math.sin(a)] as const;
  });
}

function star(): Pt[] {
  return Array.from({ length: 10 }, (_, i) => {
    const a = -Math.PI / 2 + (Math.PI * i) / 5;
    const r = i % 2 === 0 ? 1 : 0.4;
    return [r * Math.cos(a), r * Math.sin(a)] as const;
  });
}

const f = (n: number) => Number(n.toFixed(2));

/** The `d` attribute of a path drawing `shape`; unknown shapes fall back to an ellipse. */
export function nodeShapePath(shape: string, cx: number, cy: number, w: number, h: number): string {
  const rx = w / 2;
  const ry = h / 2;
  const polygon = POLYGONS[shape];
  if (polygon) {
    return polygon.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${f(cx + x * rx)} ${f(cy + y * ry)}`).join(' ') + ' Z';
  }
  if (shape === 'rectangle' || shape === 'square') {
    return `M${f(cx - rx)} ${f(cy - ry)} H${f(cx + rx)} V${f(cy + ry)} H${f(cx - rx)} Z`;
  }
  if (shape === 'round-rectangle' || shape === 'roundrectangle' || shape === 'cut-rectangle' || shape === 'barrel' || shape === 'bottom-round-rectangle') {
    const r = Math.min(rx, ry) * (shape === 'barrel' ? 0.9 : 0.45);
    return [
      `M${f(cx - rx + r)} ${f(cy - ry)}`,
      `H${f(cx + rx - r)}`,
      `Q${f(cx + rx)} ${f(cy - ry)} ${f(cx + rx)} ${f(cy - ry + r)}`,
      `V${f(cy + ry - r)}`,
      `Q${f(cx + rx)} ${f(cy + ry)} ${f(cx + rx - r)} ${f(cy + ry)}`,
      `H${f(cx - rx + r)}`,
      `Q${f(cx - rx)} ${f(cy + ry)} ${f(cx - rx)} ${f(cy + ry - r)}`,
      `V${f(cy - ry + r)}`,
      `Q${f(cx - rx)} ${f(cy - ry)} ${f(cx - rx + r)} ${f(cy - ry)}`,
      'Z',
    ].join(' ');
  }
  // ellipse (and anything unknown): two arcs.
  return `M${f(cx - rx)} ${f(cy)} A${f(rx)} ${f(ry)} 0 1 0 ${f(cx + rx)} ${f(cy)} A${f(rx)} ${f(ry)} 0 1 0 ${f(cx - rx)} ${f(cy)} Z`;
}
