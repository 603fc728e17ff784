import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { PathResult } from '../../client/src/api/operations.ts';
import { describePath, pathSteps } from '../../client/src/graph/path-steps.ts';
import { fitViewInto, freeArea } from '../../client/src/graph/viewport.ts';

describe('freeArea', () => {
  it('is the strip beside a panel in the top-left corner', () => {
    expect(freeArea(1000, 600, { x1: 0, y1: 0, x2: 340, y2: 500 })).toEqual({ x1: 340, y1: 0, x2: 1000, y2: 600 });
  });

  it('is the strip below a wide, short panel', () => {
    expect(freeArea(800, 600, { x1: 0, y1: 0, x2: 700, y2: 120 })).toEqual({ x1: 0, y1: 120, x2: 800, y2: 600 });
  });

  it('is the whole canvas when nothing covers it', () => {
    expect(freeArea(800, 600, null)).toEqual({ x1: 0, y1: 0, x2: 800, y2: 600 });
    expect(freeArea(800, 600, { x1: 900, y1: 0, x2: 1000, y2: 100 })).toEqual({ x1: 0, y1: 0, x2: 800, y2: 600 });
  });
});

describe('fitViewInto', () => {
  it('puts the elements inside the free area, not under the panel', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true });
    // Headless Cytoscape has no container: give it the size a canvas would have.
    Object.assign(cy, { width: () => 1000, height: () => 600 });
    cy.add([
      { data: { id: 'a' }, position: { x: -500, y: 0 } },
      { data: { id: 'b' }, position: { x: 500, y: 300 } },
    ]);
    const area = { x1: 340, y1: 0, x2: 1000, y2: 600 };
    fitViewInto(cy, cy.elements(), area, { padding: 20, animate: false });
    for (const n of cy.nodes()) {
      const p = n.renderedPosition();
      expect(p.x).toBeGreaterThanOrEqual(area.x1 + 20);
      expect(p.x).toBeLessThanOrEqual(area.x2 - 20);
      expect(p.y).toBeGreaterThanOrEqual(20);
      expect(p.y).toBeLessThanOrEqual(580);
    }
    cy.destroy();
  });
});

describe('pathSteps', () => {
  const node = (id: string, name: string) => ({ id, name, kind: 'Country', degree: 1 }) as PathResult['nodes'][number];
  const edge = (from: string, to: string, phrase: string) =>
    ({ id: `${from}|${to}`, phrase, from: { id: from }, to: { id: to } }) as PathResult['edges'][number];
  const nodes = [node('tiktok', 'TikTok'), node('us', 'United States'), node('cn', 'Clean Network')];

  it('tells apart two paths through the same entities by their phrases and directions', () => {
    const a = { nodes, edges: [edge('us', 'tiktok', 'plans to ban'), edge('us', 'cn', 'participates in')] };
    const b = { nodes, edges: [edge('tiktok', 'us', 'operates in'), edge('us', 'cn', 'founded')] };
    expect(pathSteps(a)).toEqual([
      { phrase: 'plans to ban', forward: false },
      { phrase: 'participates in', forward: true },
    ]);
    expect(describePath(a)).toBe('TikTok ← plans to ban — United States — participates in → Clean Network');
    expect(describePath(b)).not.toBe(describePath(a));
  });
});
