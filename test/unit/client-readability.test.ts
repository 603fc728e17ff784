import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { describe, expect, it } from 'vitest';
import { markChanges } from '../../client/src/graph/change-marks.ts';
import { runLayout } from '../../client/src/graph/layout-runner.ts';
import { LABEL_PX, labelFontSize, MIN_COMPENSATED_ZOOM } from '../../client/src/graph/legible-labels.ts';
import { seededRandom, withSeededRandom } from '../../client/src/graph/seeded-random.ts';
import { ENTITIES, RELATIONS, newView } from './client-fixtures.ts';

describe('legible labels', () => {
  it('labels are drawn at LABEL_PX on screen from zoom 1 down to MIN_COMPENSATED_ZOOM, smaller beyond', () => {
    for (const zoom of [1, 0.8, 0.6, MIN_COMPENSATED_ZOOM]) expect(labelFontSize(zoom) * zoom).toBeCloseTo(LABEL_PX, 1);
    expect(labelFontSize(2)).toBe(LABEL_PX);
    expect(labelFontSize(0.2) * 0.2).toBeLessThan(LABEL_PX);
  });
});

// The real opening layout (the app registers it in ui/cy-factory.ts).
cytoscape.use(fcose);

describe('seeded opening layout', () => {
  it('the same generator for the same seed, and Math.random restored after', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    const original = Math.random;
    expect(withSeededRandom(1, () => Math.random())).toBe(seededRandom(1)());
    expect(Math.random).toBe(original);
  });

  it('lays the same graph out at the same positions every time', async () => {
    const positions = async () => {
      const view = newView();
      view.addEntities(ENTITIES, RELATIONS);
      await runLayout(view.cy, 'fcose', { animate: false, seeded: true });
      const out = Object.fromEntries(view.cy.nodes().map((n) => [n.id(), [Math.round(n.position('x')), Math.round(n.position('y'))]]));
      view.cy.destroy();
      return out;
    };
    const first = await positions();
    expect(await positions()).toEqual(first);
    expect(await positions()).toEqual(first);
  });
});

describe('what changed marks', () => {
  it('marks appeared, ended and possible changes, the rest as context; null clears', () => {
    const view = newView();
    view.addEntities(ENTITIES, RELATIONS);
    const [a, b, ...rest] = view.cy.edges().map((e) => e.id());
    markChanges(view.cy, { appeared: new Set([a!]), ended: new Set([b!]), uncertain: new Set([b!]) });
    expect(view.cy.getElementById(a!).classes()).toContain('change-appeared');
    expect(view.cy.getElementById(b!).classes()).toEqual(expect.arrayContaining(['change-ended', 'change-uncertain']));
    for (const id of rest) expect(view.cy.getElementById(id).hasClass('change-context')).toBe(true);
    markChanges(view.cy, null);
    expect(view.cy.edges('.change-appeared, .change-ended, .change-uncertain, .change-context')).toHaveLength(0);
    view.cy.destroy();
  });
});
