/**
 * Where the write API's complaints go in a form. A diagnostic's `field` is a path into the
 * mutation's input (`relation.to`, `relation.evidence[0].newOutlet.id`, `entity.properties[1]`);
 * the form's fields have flat keys (`to`, `evidence.newOutlet.id`, `property:founded`). A
 * diagnostic whose field the form has no place for is shown above the diff, as file:line:column.
 */
import type { GraphQLErrorEntry } from '../../api/graphql-client.ts';
import type { EditDiagnostic } from '../../api/authoring-operations.ts';

/** Diagnostics split into those shown at a field (by form key) and the rest. */
export interface PlacedDiagnostics {
  byField: Map<string, string[]>;
  general: string[];
}

/** Input prefixes of the mutations: `relation.to` is the form's `to`; addOutlet's `outlet.id` is the new outlet's id. */
const ROOTS: ReadonlyArray<[RegExp, string]> = [
  [/^(relation|entity|patch)\./, ''],
  [/^outlet\./, 'evidence.newOutlet.'],
];

/**
 * The form key for an input path, or null. `propertyNames` are the names of the properties
 * sent, in the order sent, so `properties[1]` can be named.
 */
export function formKeyOf(field: string | null | undefined, propertyNames: readonly string[]): string | null {
  if (!field) return null;
  let path = field;
  for (const [root, replacement] of ROOTS) path = path.replace(root, replacement);
  const property = /^properties\[(\d+)\]/.exec(path);
  if (property) {
    const name = propertyNames[Number(property[1])];
    return name === undefined ? null : `property:${name}`;
  }
  // The form has one piece of evidence; `evidence[0].quote` is its quote, `evidence` the block.
  path = path.replace(/^evidence\[\d+\]/, 'evidence');
  if (path === 'evidence') return 'evidence.outlet';
  return path === '' ? null : path;
}

/** Places each diagnostic at its form field when `known(key)` says the form has it. */
export function placeDiagnostics(diagnostics: readonly EditDiagnostic[], propertyNames: readonly string[], known: (key: string) => boolean): PlacedDiagnostics {
  const byField = new Map<string, string[]>();
  const general: string[] = [];
  for (const d of diagnostics) {
    const key = formKeyOf(d.field, propertyNames);
    if (key !== null && known(key)) byField.set(key, [...(byField.get(key) ?? []), d.message]);
    else general.push(d.text || `${d.file}:${d.line}:${d.column}: ${d.message}`);
  }
  return { byField, general };
}

/**
 * The diagnostics a refused write carries: BAD_USER_INPUT's `extensions.diagnostics`, or for
 * an input refused before validation its `extensions.field` and message.
 */
export function diagnosticsOf(errors: readonly GraphQLErrorEntry[]): EditDiagnostic[] {
  const out: EditDiagnostic[] = [];
  for (const e of errors) {
    const listed = e.extensions?.['diagnostics'];
    if (Array.isArray(listed)) {
      for (const d of listed as Array<Partial<EditDiagnostic>>) {
        out.push({
          file: String(d.file ?? ''),
          line: Number(d.line ?? 0),
          column: Number(d.column ?? 0),
          message: String(d.message ?? ''),
          text: String(d.text ?? d.message ?? ''),
          field: typeof d.field === 'string' ? d.field : null,
        });
      }
      continue;
    }
    const field = e.extensions?.['field'] ?? e.extensions?.['argument'];
    const fieldName = typeof field === 'string' ? field : null;
    // "relation.to: unknown entity" → the message without its field prefix, shown at the field.
    const message = fieldName && e.message.startsWith(`${fieldName}: `) ? e.message.slice(fieldName.length + 2) : e.message;
    out.push({ file: '', line: 0, column: 0, message, text: e.message, field: fieldName });
  }
  return out;
}
