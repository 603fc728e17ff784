import {
  addEntity,
  addOutlet,
  addRelation,
  addSource,
  applySeedPatch,
  EditConflictError,
  EditInputError,
  EditNotFoundError,
  EditRefusedError,
  removeEntity,
  retractRelation,
  runEdit,
  updateEntity,
  updateRelation,
  writeAccess,
  type SeedEditModel,
} from '../../authoring/index.ts';
import type { EditDraft } from '../../authoring/edit-draft.ts';
import type { EditOptions } from '../../authoring/edit-inputs.ts';
import { formatDiagnostic } from '../../ingest/diagnostics.ts';
import type { LiveSeed } from '../../live/live-seed.ts';
import { apiError, ErrorCode } from '../api-errors.ts';
import type { ApiContext } from '../context.ts';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { SeedPathError } from '../../authoring/seed-paths.ts';
import { SeedTextError } from '../../authoring/yaml-text-edit.ts';

/**
 * Whether this request may write (Query.authoring and every mutation). Previews write nothing,
 * so they are open wherever there is a seed to edit: a read-only explorer can still show an
 * edit's diff and offer it as a patch to download.
 */
export function authoringInfo(ctx: ApiContext) {
  const access = writeAccess({ listenHost: ctx.listenHost, authorization: ctx.request.headers.get('authorization'), hasSeed: ctx.live !== undefined });
  return { ...access, previews: ctx.live !== undefined };
}

/** Refuses a write this request may not make (FORBIDDEN), then runs the edit and translates its refusals. */
export async function write(
  ctx: ApiContext,
  options: EditOptions | null | undefined,
  prepare: (draft: EditDraft, live: LiveSeed) => string,
): Promise<SeedEditModel> {
  const access = authoringInfo(ctx);
  const allowed = options?.preview ? access.previews : access.enabled;
  if (!allowed || !ctx.live) throw apiError(ErrorCode.FORBIDDEN, `Writes are refused: ${access.reason ?? 'this server has no seed folder to edit'}.`);
  const live = ctx.live;
  try {
    return await runEdit(live, options, (draft) => prepare(draft, live));
  } catch (err) {
    throw toApiError(err);
  }
}

/** The one place authoring refusals become API errors with stable codes. */
function toApiError(err: unknown): unknown {
  if (err instanceof EditRefusedError) {
    return apiError(ErrorCode.BAD_USER_INPUT, err.message, {
      diagnostics: err.diagnostics.map((d) => ({
        file: d.file,
        line: d.line,
        column: d.column,
        message: d.hint ? `${d.message} (${d.hint})` : d.message,
        text: formatDiagnostic(d),
        field: d.field,
      })),
    });
  }
  if (err instanceof EditConflictError)
    return apiError(ErrorCode.CONFLICT, err.message, { file: err.file, expectedVersion: err.expected, actualVersion: err.actual });
  if (err instanceof EditInputError) return apiError(ErrorCode.BAD_USER_INPUT, err.message, { argument: err.field, field: err.field });
  if (err instanceof EditNotFoundError) return apiError(ErrorCode.NOT_FOUND, err.message);
  if (err instanceof SeedPathError)
    return apiError(ErrorCode.BAD_USER_INPUT, `options.file: ${err.message}`, { argument: 'options.file', field: 'options.file' });
  if (err instanceof SeedTextError) return apiError(ErrorCode.BAD_USER_INPUT, `the file cannot be edited: ${err.message}`);
  return err;
}

export const mutationResolvers: Resolvers = {
  Query: {
    authoring: (_root, _args, ctx) => authoringInfo(ctx),
  },
  Mutation: {
    addEntity: (_root, { entity, options }, ctx) => write(ctx, options, (d) => addEntity(d, ctx.ontology, entity, options)),
    addOutlet: (_root, { outlet, description, options }, ctx) => write(ctx, options, (d) => addOutlet(d, ctx.ontology, outlet, description, options)),
    addSource: (_root, { source, options }, ctx) => write(ctx, options, (d) => addSource(d, source, options)),
    addRelation: (_root, { relation, options }, ctx) => write(ctx, options, (d) => addRelation(d, ctx.ontology, relation, options)),
    updateEntity: (_root, { id, patch, options }, ctx) => write(ctx, options, (d) => updateEntity(d, ctx.ontology, id, patch)),
    updateRelation: (_root, { id, patch, options }, ctx) => write(ctx, options, (d) => updateRelation(d, ctx.ontology, id, patch, options)),
    retractRelation: (_root, { id, options }, ctx) => write(ctx, options, (d) => retractRelation(d, ctx.ontology, id)),
    removeEntity: (_root, { id, options }, ctx) => write(ctx, options, (d) => removeEntity(d, id)),
    applySeedPatch: (_root, { patch, options }, ctx) => write(ctx, options, (d) => applySeedPatch(d, patch)),
  },
};
