/**
 * What the write API accepts, independent of GraphQL (the resolvers pass their arguments
 * through), and the caps on it: strings as long as the validator allows, lists bounded.
 */
import { MAX_STRING_LENGTH } from '../ingest/seed-values.ts';

export const EDIT_LIMITS = {
  string: MAX_STRING_LENGTH,
  evidence: 50,
  aliases: 100,
  properties: 50,
  propertyValues: 100,
  baseVersions: 100,
  /** Characters of a patch given to applySeedPatch. */
  patch: 1_000_000,
} as const;

export interface PropertyInput {
  name: string;
  value?: string | null;
  values?: readonly string[] | null;
}

export interface NewOutletInput {
  id: string;
  name: string;
  website?: string | null;
  aliases?: readonly string[] | null;
}

export interface EvidenceInput {
  source?: string | null;
  outlet?: string | null;
  newOutlet?: NewOutletInput | null;
  quote?: string | null;
  url?: string | null;
  date?: string | null;
  stance?: 'SUPPORTS' | 'DISPUTES' | null;
  disputedBy?: readonly string[] | null;
}

export interface EntityInput {
  id: string;
  kind: string;
  name: string;
  aliases?: readonly string[] | null;
  description?: string | null;
  properties?: readonly PropertyInput[] | null;
}

export interface EntityPatch {
  name?: string | null;
  aliases?: readonly string[] | null;
  description?: string | null;
  properties?: readonly PropertyInput[] | null;
}

export type ConfidenceInput = 'HIGH' | 'MEDIUM' | 'LOW';

export interface RelationInput {
  from: string;
  type: string;
  to: string;
  since?: string | null;
  until?: string | null;
  confidence?: ConfidenceInput | null;
  evidence: readonly EvidenceInput[];
  properties?: readonly PropertyInput[] | null;
}

export interface RelationPatch {
  since?: string | null;
  until?: string | null;
  confidence?: ConfidenceInput | null;
  evidence?: readonly EvidenceInput[] | null;
  properties?: readonly PropertyInput[] | null;
}

export interface SourceInput {
  id: string;
  outlet: string;
  quote?: string | null;
  url?: string | null;
  date: string;
}

export interface EditOptions {
  preview?: boolean | null;
  file?: string | null;
  baseVersions?: ReadonlyArray<{ file: string; version: string }> | null;
}

/** An input the write API refuses before it computes anything; `field` names it (relation.evidence[0].quote). */
export class EditInputError extends Error {
  override name = 'EditInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/**
 * Walks an input and refuses strings over EDIT_LIMITS.string, and lists over their cap, naming
 * the field. Values are then checked by the seed validator itself, with seed:check's messages.
 */
export function checkInputSizes(value: unknown, field: string): void {
  // The Date scalar passes any JSON value through; only text reaches the YAML writer.
  if (/\.(date|since|until)$/.test(field) && value !== null && value !== undefined && typeof value !== 'string') {
    throw new EditInputError(field, 'expected a date as text: YYYY, YYYY-MM or YYYY-MM-DD');
  }
  if (typeof value === 'string') {
    if (value.length > EDIT_LIMITS.string) throw new EditInputError(field, `at most ${EDIT_LIMITS.string} characters, got ${value.length}`);
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    const name = field.replace(/.*\./, '');
    const cap =
      name === 'evidence'
        ? EDIT_LIMITS.evidence
        : name === 'aliases'
          ? EDIT_LIMITS.aliases
          : name === 'properties'
            ? EDIT_LIMITS.properties
            : name === 'baseVersions'
              ? EDIT_LIMITS.baseVersions
              : EDIT_LIMITS.propertyValues;
    if (value.length > cap) throw new EditInputError(field, `give at most ${cap} items, got ${value.length}`);
    value.forEach((v, i) => checkInputSizes(v, `${field}[${i}]`));
    return;
  }
  for (const [k, v] of Object.entries(value)) checkInputSizes(v, `${field}.${k}`);
}
