import { parse } from 'yaml';

/** Plain scalars YAML 1.1 tools read as booleans; quoted so no reader of the file is surprised. */
const YAML11_BOOLEANS = /^(y|n|yes|no|on|off|true|false)$/i;
/** Characters that may not start a plain scalar. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`\s]/;

/**
 * A string as a YAML scalar that reads back as exactly that string: plain when that is safe in
 * both block and flow context (`Huawei`, `https://www.bbc.co.uk/news`, `2020-07-14`), double
 * quoted otherwise (`"a: b"`, `"#1"`, `"NO"`, `"1987"`). JSON's escapes are valid YAML.
 */
export function yamlString(value: string): string {
  return isSafePlain(value) ? value : JSON.stringify(value);
}

/** A property or field value: numbers as numbers, lists as a flow list, strings as yamlString. */
export function yamlValue(value: string | number | readonly string[]): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return yamlString(value);
  return `[${value.map(yamlString).join(', ')}]`;
}

function isSafePlain(s: string): boolean {
  if (s.length === 0 || s.length > 200 || s !== s.trim()) return false;
  if (INDICATOR_START.test(s) || YAML11_BOOLEANS.test(s)) return false;
  // `,[]{}` end a plain scalar in flow context; ": " and " #" in any context.
  if (/[,[\]{}\n\r\t\\"]|: |:$| #/.test(s)) return false;
  if (/[^\x20-\x7e]/.test(s)) return false; // non-ASCII is fine in YAML, but quoting shows invisible characters
  try {
    return parse(s) === s;
  } catch {
    return false;
  }
}
