/** The write API's seed-file edits (see README.md in server/): what the GraphQL resolvers call. */
export { addEntity, addOutlet, removeEntity, updateEntity } from './entity-edits.ts';
export { addRelation, retractRelation, updateRelation } from './relation-edits.ts';
export { addSource } from './source-edits.ts';
export { applySeedPatch } from './patch-edit.ts';
export { saveDraft, type DraftSaveInput } from './draft-edit.ts';
export { runEdit } from './run-edit.ts';
export { writeAccess, type WriteAccess } from './write-access.ts';
export { EditConflictError, EditNotFoundError, EditRefusedError, type EditDiagnostic } from './authoring-errors.ts';
export { EditInputError } from './edit-inputs.ts';
export type { SeedEditModel } from './commit-edit.ts';
