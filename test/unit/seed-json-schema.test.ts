import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { SEED_DIR } from '../helpers/seed-fixture.ts';

// The JSON Schemas give editors completion and errors; they must accept the real files and
// list exactly the ontology's kinds and relation types.
const schema = (name: string) => JSON.parse(readFileSync(join(SEED_DIR, 'schema', name), 'utf8')) as Record<string, any>;
const ajv = new Ajv({ allErrors: true, strict: false });
const seedSchema = ajv.compile(schema('seed.schema.json'));

describe('seed JSON Schemas', () => {
  it('accept every YAML seed file', () => {
    const validate = seedSchema;
    const files = readdirSync(join(SEED_DIR, 'data')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(3);
    for (const f of files) {
      const ok = validate(parse(readFileSync(join(SEED_DIR, 'data', f), 'utf8')));
      expect({ file: f, errors: ok ? null : validate.errors }).toEqual({ file: f, errors: null });
    }
  });

  it('reject a misspelt kind and a malformed short form', () => {
    const validate = seedSchema;
    expect(validate({ entities: [{ id: 'x', kind: 'Compnay', name: 'X' }] })).toBe(false);
    expect(validate({ relations: ['us PLANS_TO_BAN'] })).toBe(false);
  });

  it('accept the ontology', () => {
    const validate = ajv.compile(schema('ontology.schema.json'));
    expect(validate(parse(readFileSync(join(SEED_DIR, 'ontology.yaml'), 'utf8')))).toBe(true);
  });

  it('list exactly the ontology’s kinds and relation types', () => {
    const ontology = loadOntologyFile(join(SEED_DIR, 'ontology.yaml'));
    const defs = schema('seed.schema.json').definitions;
    expect(defs.kind.enum).toEqual([...ontology.kinds.keys()]);
    expect(defs.relationType.enum).toEqual([...ontology.relations.keys()]);
  });
});
