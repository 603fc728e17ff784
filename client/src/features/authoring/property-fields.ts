/** Typed inputs for the ontology's properties: dates, numbers, links, lists, text. */
import type { PropertyInfo } from '../../api/operations.ts';
import { propertyProblem } from './field-checks.ts';
import { textInput, type FormFields } from './form-fields.ts';

const HINTS: Record<string, string> = {
  date: 'YYYY, YYYY-MM or YYYY-MM-DD',
  number: 'a number',
  url: 'https://…',
  'string[]': 'comma-separated',
};

/** One row per property; each input checks its type as the user types and keeps `values` current. */
export function propertyRows(fields: FormFields, specs: readonly PropertyInfo[], values: Record<string, string>): HTMLElement[] {
  return specs.map((spec) => {
    const key = `property:${spec.name}`;
    const input = textInput(values[spec.name] ?? '', {
      inputmode: spec.type === 'number' ? 'decimal' : spec.type === 'url' ? 'url' : 'text',
      placeholder: HINTS[spec.type] ?? '',
      ...(spec.required ? { 'aria-required': 'true' } : {}),
    });
    const check = () => {
      values[spec.name] = input.value;
      fields.setLocal(key, input.value.trim() || spec.required ? propertyProblem(spec, input.value) : null);
    };
    input.addEventListener('input', check);
    check();
    const label = `${spec.name}${spec.required ? ' (required)' : ''}`;
    const hint = [spec.description, HINTS[spec.type]].filter(Boolean).join(' — ');
    return fields.row(key, label, input, hint || undefined);
  });
}

/** A date field's row that checks YYYY[-MM[-DD]] as the user types. */
export function dateRow(fields: FormFields, key: string, label: string, value: string, onValue: (value: string) => void, hint?: string): HTMLElement {
  const spec: PropertyInfo = { name: label, type: 'date', required: false, description: null };
  const input = textInput(value, { placeholder: 'YYYY-MM-DD', inputmode: 'numeric' });
  const check = () => {
    onValue(input.value);
    fields.setLocal(key, propertyProblem(spec, input.value));
  };
  input.addEventListener('input', check);
  check();
  return fields.row(key, label, input, hint ?? 'YYYY, YYYY-MM or YYYY-MM-DD');
}
