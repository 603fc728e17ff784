import { describe, expect, it } from 'vitest';
import { nearestInDirection } from '../../client/src/graph/arrow-navigation.ts';
import { relaxNewNodes } from '../../client/src/graph/local-relax.ts';
import { centroid, placeAround } from '../../client/src/graph/placement.ts';
import { nextScaleMode, scaleModeFor, rendererOptions } from '../../client/src/graph/scale-policy.ts';

describe('placement of new entities', () => {
  it('fans out on the side away from the rest of the graph', () => {
    const points = placeAround({ x: 0, y: 0 }, 10, { x: -500, y: 0 });
    expect(points).toHaveLength(10);
    for (const p of points) {
      expect(Math.hypot(p.x, p.y)).toBeGreaterThanOrEqual(129);
      expect(p.x).toBeGreaterThan(-60); // mostly to the right, away from x = -500
    }
    expect(centroid(points)!.x).toBeGreaterThan(50);
  });

  it('grows rings instead of crowding one', () => {
    const points = placeAround({ x: 0, y: 0 }, 60);
    const radii = new Set(points.map((p) => Math.round(Math.hypot(p.x, p.y))));
    expect(radii.size).toBeGreaterThan(1);
  });
});

describe('local relaxation', () => {
  it('moves only the new nodes, away from drawn ones and toward their neighbours', () => {
    const fixed = new Map([
      ['hub', { x: 0, y: 0 }],
      ['other', { x: 200, y: 0 }],
    ]);
    // Two new nodes dropped on top of `other`.
    const moving = new Map([
      ['a', { x: 200, y: 1 }],
      ['b', { x: 201, y: 0 }],
    ]);
    const result = relaxNewNodes({
      moving,
      fixed,
      edges: [
        { source: 'hub', target: 'a' },
        { source: 'hub', target: 'b' },
      ],
    });
    expect([...result.keys()].sort()).toEqual(['a', 'b']);
    expect(fixed.get('other')).toEqual({ x: 200, y: 0 });
    for (const id of ['a', 'b']) {
      const p = result.get(id)!;
      expect(Math.hypot(p.x - 200, p.y)).toBeGreaterThan(60);
      expect(Math.hypot(p.x, p.y)).toBeLessThan(260);
    }
    const a = result.get('a')!;
    const b = result.get('b')!;
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(60);
  });
});

describe('big layouts', () => {
  it('switches scale modes at the thresholds and only asks for WebGL when told', () => {
    expect(scaleModeFor(100)).toBe('normal');
    expect(scaleModeFor(2_000)).toBe('large');
    expect(scaleModeFor(10_000)).toBe('huge');
    expect(rendererOptions({ mode: 'huge', webgl: false })).toMatchObject({ textureOnViewport: true, hideEdgesOnViewport: true, pixelRatio: 1 });
    expect(rendererOptions({ mode: 'large', webgl: true })).toMatchObject({ renderer: { name: 'canvas', webgl: true }, textureOnViewport: false });
    expect(rendererOptions({ mode: 'normal', webgl: false })).not.toHaveProperty('renderer');
  });
});

describe('switching scale mode', () => {
  it('goes up as soon as a drawing will cross a threshold', () => {
    expect(nextScaleMode('normal', 9_634, false)).toBe('huge');
    expect(nextScaleMode('normal', 2_500, true)).toBe('large');
    expect(nextScaleMode('large', 6_000, false)).toBe('huge');
    expect(nextScaleMode('huge', 9_634, true)).toBeUndefined();
  });
  it('never goes down while an action draws: the empty new instance and the entities without their relations count less than the action will reach', () => {
    expect(nextScaleMode('huge', 0, false)).toBeUndefined();
    expect(nextScaleMode('huge', 3_333, false)).toBeUndefined();
    expect(nextScaleMode('large', 10, false)).toBeUndefined();
  });
  it('goes down after the action, with 20 % slack below each threshold', () => {
    expect(nextScaleMode('huge', 5_000, true)).toBeUndefined();
    expect(nextScaleMode('huge', 4_700, true)).toBe('large');
    expect(nextScaleMode('huge', 1_700, true)).toBe('large');
    expect(nextScaleMode('huge', 1_500, true)).toBe('normal');
    expect(nextScaleMode('large', 1_700, true)).toBeUndefined();
    expect(nextScaleMode('large', 100, true)).toBe('normal');
  });
});

describe('arrow-key navigation', () => {
  const nodes = [
    { id: 'right-near', position: { x: 100, y: 10 } },
    { id: 'right-far', position: { x: 400, y: 0 } },
    { id: 'up', position: { x: 0, y: -150 } },
    { id: 'diagonal', position: { x: 100, y: 120 } },
  ];
  it('picks the nearest entity within the cone of the arrow', () => {
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, 'right')).toBe('right-near');
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, 'up')).toBe('up');
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, 'down')).toBe('diagonal');
    expect(nearestInDirection({ x: 0, y: 0 }, nodes, 'left')).toBeUndefined();
  });
});

describe('relation type colours', () => {
  it('gives every type of the ontology its own #rrggbb colour', async () => {
    const { typeColorsFrom } = await import('../../client/src/graph/element-model.ts');
    const types = Array.from({ length: 22 }, (_, i) => ({ name: `T${i}` }));
    const colors = typeColorsFrom(types);
    expect(colors.size).toBe(22);
    for (const c of colors.values()) expect(c).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colors.values()).size).toBe(22);
  });
});
