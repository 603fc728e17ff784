/**
 * What the entity form holds and how it becomes `addEntity`'s EntityInput, or for an edit
 * `updateEntity`'s patch of what changed. Kind-specific properties follow the ontology's types.
 */
import type { EntityInput, EntityPatch } from '../../api/authoring-operations.ts';
import type { PropertyInfo } from '../../api/operations.ts';
import { listItems } from './field-checks.ts';
import { propertyInputs } from './relation-draft.ts';

export interface EntityDraft {
  id: string;
  kind: string;
  name: string;
  /** Comma-separated. */
  aliases: string;
  description: string;
  properties: Record<string, string>;
}

/** `addEntity`'s input; `specs` are the kind's properties. */
export function entityInput(draft: EntityDraft, specs: readonly PropertyInfo[]): EntityInput {
  const input: EntityInput = { id: draft.id.trim(), kind: draft.kind, name: draft.name.trim() };
  const aliases = listItems(draft.aliases);
  if (aliases.length > 0) input.aliases = aliases;
  if (draft.description.trim()) input.description = draft.description.trim();
  const properties = propertyInputs(specs, draft.properties);
  if (properties.length > 0) input.properties = properties;
  return input;
}

/** `updateEntity`'s patch: what differs from `initial`; a cleared description is null. */
export function entityPatch(initial: EntityDraft, draft: EntityDraft, specs: readonly PropertyInfo[]): EntityPatch {
  const patch: EntityPatch = {};
  if (initial.name.trim() !== draft.name.trim()) patch.name = draft.name.trim();
  const aliases = listItems(draft.aliases);
  if (JSON.stringify(listItems(initial.aliases)) !== JSON.stringify(aliases)) patch.aliases = aliases;
  if (initial.description.trim() !== draft.description.trim()) patch.description = draft.description.trim() || null;
  const before = propertyInputs(specs, initial.properties);
  const after = propertyInputs(specs, draft.properties);
  if (JSON.stringify(before) !== JSON.stringify(after)) {
    // A property emptied in the form is sent without a value, which clears it.
    const cleared = specs
      .filter((s) => before.some((p) => p.name === s.name) && !after.some((p) => p.name === s.name))
      .map((s) => ({ name: s.name, value: null }));
    patch.properties = [...after, ...cleared];
  }
  return patch;
}
