/**
 * Everything the client has fetched: entities and relations by id, and which relations touch
 * each entity. It grows as the user explores and shrinks only when the graph itself loses an
 * element (a live update); what is drawn is decided by the `GraphView`.
 */
import type { EntitySummary, Relation } from '../api/operations.ts';

/** A relation stored with its ends by id only. */
export type CachedRelation = Omit<Relation, 'from' | 'to'> & { from: { id: string }; to: { id: string } };

export class EntityCache {
  readonly entities = new Map<string, EntitySummary>();
  readonly relations = new Map<string, CachedRelation>();
  private readonly byEntity = new Map<string, Set<string>>();

  putEntity(entity: EntitySummary): void {
    const known = this.entities.get(entity.id);
    this.entities.set(entity.id, known ? { ...known, ...entity } : { ...entity });
  }

  putRelation(relation: CachedRelation & { from: { id: string }; to: { id: string } }): void {
    const stored: CachedRelation = {
      ...relation,
      from: { id: relation.from.id },
      to: { id: relation.to.id },
    };
    this.relations.set(stored.id, stored);
    this.index(stored.from.id, stored.id);
    this.index(stored.to.id, stored.id);
  }

  /** Relations touching `entityId` that the client knows of. */
  relationsOf(entityId: string): CachedRelation[] {
    const ids = this.byEntity.get(entityId);
    if (!ids) return [];
    const out: CachedRelation[] = [];
    for (const id of ids) {
      const relation = this.relations.get(id);
      if (relation) out.push(relation);
    }
    return out;
  }

  /** Forgets a relation that is no longer in the graph. */
  forgetRelation(id: string): void {
    const relation = this.relations.get(id);
    if (!relation) return;
    this.relations.delete(id);
    this.byEntity.get(relation.from.id)?.delete(id);
    this.byEntity.get(relation.to.id)?.delete(id);
  }

  /** Forgets an entity that is no longer in the graph, and its relations. */
  forgetEntity(id: string): void {
    for (const relation of this.relationsOf(id)) this.forgetRelation(relation.id);
    this.entities.delete(id);
    this.byEntity.delete(id);
  }

  private index(entityId: string, relationId: string): void {
    let set = this.byEntity.get(entityId);
    if (!set) this.byEntity.set(entityId, (set = new Set()));
    set.add(relationId);
  }
}
