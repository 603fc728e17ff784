/** `npm run schema:print`: writes the running schema to server/graphql/schema.graphql. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printSchema } from 'graphql';
import { createSchema, SDL_DIR } from './create-schema.ts';

export const PRINTED_SCHEMA = join(SDL_DIR, '..', 'schema.graphql');

if (process.argv[1]?.endsWith('print-schema.ts')) {
  writeFileSync(PRINTED_SCHEMA, `${printSchema(createSchema())}\n`);
  console.log(`written: ${PRINTED_SCHEMA}`);
}
