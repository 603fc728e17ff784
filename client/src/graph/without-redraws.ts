/**
 * Changing many elements over several frames with Cytoscape's redraws held back: each chunk's
 * style and geometry are computed when it is made, and the canvas is redrawn once, at the end.
 * A frame after elements are added or moved redraws every element one by one (the layered
 * texture cache is rebuilt only once the drawing rests): about 200 ms at 10k elements whatever
 * the chunk size, so a big change made a chunk a frame cost that many times over.
 */
import type { Core } from 'cytoscape';
import { nextFrame } from './next-frame.ts';

/**
 * Runs `change`, which calls `pause()` between its chunks. Cytoscape does not draw while a batch
 * is open, so one stays open except inside `pause`, which computes what changed and yields a
 * frame. The batch is closed at the end, also when `change` fails.
 */
export async function withoutRedraws<T>(cy: Core, change: (pause: () => Promise<void>) => Promise<T>): Promise<T> {
  // Internal to Cytoscape's renderer (style and geometry of what changed, without drawing); when
  // absent (headless), that work simply happens at the single redraw.
  const renderer = (cy as Core & { renderer?: () => { flushRenderedStyleQueue?: () => void } | null }).renderer?.();
  let changed = cy.collection();
  const collect = (e: { target: ReturnType<Core['collection']> }) => void changed.merge(e.target);
  cy.on('add position', collect);
  const settle = () => {
    cy.endBatch();
    renderer?.flushRenderedStyleQueue?.();
    // The bounds the redraw asks of every element, computed now rather than all in that frame.
    changed.union(changed.connectedEdges()).forEach((ele) => void ele.boundingBox());
    changed = cy.collection();
  };
  cy.startBatch();
  try {
    return await change(async () => {
      settle();
      cy.startBatch();
      await nextFrame();
    });
  } finally {
    cy.removeListener('add position', collect);
    settle();
  }
}
