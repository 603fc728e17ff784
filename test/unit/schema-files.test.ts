import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import codegenConfig from '../../server/graphql/codegen.ts';
import { createSchema } from '../../server/graphql/create-schema.ts';
import { ENTITY_TYPES } from '../../server/graphql/resolvers/entity-resolvers.ts';
import { PRINTED_SCHEMA } from '../../server/graphql/print-schema.ts';
import { loadOntologyFile } from '../../server/ingest/ontology.ts';
import { PROJECT_ROOT, SEED_DIR } from '../helpers/seed-fixture.ts';

describe('schema files stay in step', () => {
  it('the committed schema.graphql is the running schema (npm run schema:print)', () => {
    expect(readFileSync(PRINTED_SCHEMA, 'utf8')).toBe(`${printSchema(createSchema())}\n`);
  });

  it('the generated resolver types match the SDL (npm run codegen)', async () => {
    const [out] = await generate({ ...codegenConfig, cwd: PROJECT_ROOT, silent: true }, false);
    const committed = readFileSync(join(PROJECT_ROOT, 'server/graphql/generated/resolvers-types.ts'), 'utf8');
    expect(out!.content).toBe(committed);
  }, 60_000);

  it('every ontology kind has its GraphQL type', () => {
    const ontology = loadOntologyFile(join(SEED_DIR, 'ontology.yaml'));
    const schema = createSchema();
    for (const kind of ontology.kinds.keys()) {
      expect(ENTITY_TYPES as readonly string[]).toContain(kind);
      expect(schema.getType(kind)).toBeTruthy();
    }
  });
});
