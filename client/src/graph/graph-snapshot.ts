/**
 * Snapshots of what is drawn (elements with their data and positions) and the difference
 * between two of them. A `GraphChange` is that difference plus the view's bookkeeping before
 * and after, which is all undo and redo need. Filter classes are not recorded: they are
 * recomputed after every change.
 */
import type { Core, ElementDefinition, Position } from 'cytoscape';
import { DRAW_CHUNK } from './scale-policy.ts';
import { withoutRedraws } from './without-redraws.ts';

export interface ElementRecord {
  group: 'nodes' | 'edges';
  data: Record<string, unknown>;
  position?: Position;
}

export type Snapshot = Map<string, ElementRecord>;

export interface Move {
  id: string;
  from: Position;
  to: Position;
}

export interface GraphChange<M> {
  added: ElementRecord[];
  removed: ElementRecord[];
  moved: Move[];
  metaBefore: M;
  metaAfter: M;
}

/** Records every element of `cy`. Data objects are shared, never mutated after creation. */
export function takeSnapshot(cy: Core): Snapshot {
  const snapshot: Snapshot = new Map();
  cy.nodes().forEach((n) => {
    const p = n.position();
    snapshot.set(n.id(), { group: 'nodes', data: n.data() as Record<string, unknown>, position: { x: p.x, y: p.y } });
  });
  cy.edges().forEach((e) => {
    snapshot.set(e.id(), { group: 'edges', data: e.data() as Record<string, unknown> });
  });
  return snapshot;
}

/** What changed from `before` to `after`: elements added, removed, nodes moved. */
export function diffSnapshots<M>(before: Snapshot, after: Snapshot, metaBefore: M, metaAfter: M): GraphChange<M> {
  const added: ElementRecord[] = [];
  const removed: ElementRecord[] = [];
  const moved: Move[] = [];
  for (const [id, record] of after) {
    const old = before.get(id);
    if (!old) {
      added.push(record);
    } else if (record.position && old.position && !samePosition(record.position, old.position)) {
      moved.push({ id, from: old.position, to: record.position });
    }
  }
  for (const [id, record] of before) if (!after.has(id)) removed.push(record);
  return { added, removed, moved, metaBefore, metaAfter };
}

/** Whether a change touches the drawing at all (bookkeeping-only changes still count). */
export function isEmptyChange<M>(change: GraphChange<M>, sameMeta: (a: M, b: M) => boolean): boolean {
  return change.added.length === 0 && change.removed.length === 0 && change.moved.length === 0 && sameMeta(change.metaBefore, change.metaAfter);
}

/**
 * A change with each element record passed through `fn` (null drops it) and only the moves
 * `keepMove` accepts. The bookkeeping is kept as it is.
 */
export function mapRecords<M>(change: GraphChange<M>, fn: (record: ElementRecord) => ElementRecord | null, keepMove: (id: string) => boolean): GraphChange<M> {
  const map = (records: ElementRecord[]) =>
    records.flatMap((record) => {
      const next = fn(record);
      return next === null ? [] : [next];
    });
  return { ...change, added: map(change.added), removed: map(change.removed), moved: change.moved.filter((m) => keepMove(m.id)) };
}

/**
 * Applies a change to `cy` forwards (redo) or backwards (undo). Nodes go in before edges and
 * edges out before nodes, so no edge is ever left dangling.
 */
export async function applyChange<M>(cy: Core, change: GraphChange<M>, direction: 'forward' | 'backward'): Promise<void> {
  const toAdd = direction === 'forward' ? change.added : change.removed;
  const toRemove = direction === 'forward' ? change.removed : change.added;
  const defs: ElementDefinition[] = [];
  for (const record of toAdd.filter((r) => r.group === 'nodes')) defs.push(toDefinition(record));
  for (const record of toAdd.filter((r) => r.group === 'edges')) defs.push(toDefinition(record));
  // A big change (undoing a layout of thousands) is made DRAW_CHUNK elements a task and drawn
  // once; a small one in a single step.
  await withoutRedraws(cy, async (pause) => {
    const removeIds = toRemove.filter((r) => r.group === 'edges').concat(toRemove.filter((r) => r.group === 'nodes'));
    for (const record of removeIds) cy.getElementById(String(record.data.id)).remove();
    let done = 0;
    const step = async (size: number) => {
      done += size;
      if (done > DRAW_CHUNK) {
        done = size;
        await pause();
      }
    };
    for (let i = 0; i < defs.length; i += DRAW_CHUNK) {
      const chunk = defs.slice(i, i + DRAW_CHUNK);
      await step(chunk.length);
      cy.add(chunk);
    }
    for (let i = 0; i < change.moved.length; i += DRAW_CHUNK) {
      const chunk = change.moved.slice(i, i + DRAW_CHUNK);
      await step(chunk.length);
      for (const move of chunk) {
        const node = cy.getElementById(move.id);
        if (node.nonempty()) {
          const wasLocked = node.locked();
          if (wasLocked) node.unlock();
          node.position(direction === 'forward' ? move.to : move.from);
          if (wasLocked) node.lock();
        }
      }
    }
  });
}

function toDefinition(record: ElementRecord): ElementDefinition {
  return record.position
    ? { group: record.group, data: { ...record.data }, position: { ...record.position } }
    : { group: record.group, data: { ...record.data } };
}

function samePosition(a: Position, b: Position): boolean {
  return Math.abs(a.x - b.x) < 0.01 && Math.abs(a.y - b.y) < 0.01;
}
