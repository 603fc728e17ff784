import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kind, parse, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * The trusted documents: every operation the client sends, by the sha256 of its text — read at
 * start-up from the very modules the client is built from (client/src/api/*operations.ts), so an
 * operation added there is persisted without a manifest to regenerate. The client hashes the
 * same text (graphql-client.ts) and sends only the hash, over GET, which browsers and CDNs cache.
 */
export interface PersistedDocument {
  /** sha256 of `text`, hex: what the client sends as extensions.persistedQuery.sha256Hash. */
  id: string;
  operationName: string;
  text: string;
  operation: 'query' | 'mutation' | 'subscription';
  /** A read whose answer depends on the graph version and the request only (see NEVER_CACHED_FIELDS). */
  cacheable: boolean;
}

export type PersistedDocuments = ReadonlyMap<string, PersistedDocument>;

/**
 * Root fields whose answer is not a function of the graph version and the request: the seed's
 * status (it moves while the version stands still: SYNCING, INVALID), what this caller may write
 * (its token), and drafts made from a posted article. An operation selecting one is never cached.
 */
export const NEVER_CACHED_FIELDS = ['Query.seedStatus', 'Query.authoring', 'Query.draftFromText'] as const;

const defaultDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'client', 'src', 'api');

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Every `{ name, query }` exported by `dir/*operations.ts`, keyed by sha256 of the query text.
 * Never rejects: a module that fails to load or an operation that does not parse is reported to
 * `onProblem` and left out (the client then sends that one as text), the others still count.
 */
export async function loadPersistedDocuments(dir: string = defaultDir, onProblem: (message: string) => void = () => {}): Promise<PersistedDocuments> {
  const documents = new Map<string, PersistedDocument>();
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((f) => /operations\.ts$/.test(f))
      .sort();
  } catch (err) {
    onProblem(`persisted documents: cannot read ${dir}: ${(err as Error).message}`);
  }
  for (const file of files) {
    let module: Record<string, unknown>;
    try {
      module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>;
    } catch (err) {
      onProblem(`persisted documents: ${file} does not load: ${(err as Error).message}`);
      continue;
    }
    for (const value of Object.values(module)) {
      if (!isOperation(value)) continue;
      try {
        const doc = describe(value.name, value.query);
        documents.set(doc.id, doc);
      } catch (err) {
        onProblem(`persisted documents: ${file}: ${(err as Error).message}`);
      }
    }
  }
  return documents;
}

function isOperation(value: unknown): value is { name: string; query: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { query?: unknown }).query === 'string'
  );
}

/** One document's id, kind and cacheability; throws (naming it) if the client's text does not parse. */
export function describe(operationName: string, text: string): PersistedDocument {
  let document: DocumentNode;
  try {
    document = parse(text);
  } catch (err) {
    throw new Error(`client operation ${operationName} does not parse: ${(err as Error).message}`, { cause: err });
  }
  const op = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (!op || op.kind !== Kind.OPERATION_DEFINITION) throw new Error(`client operation ${operationName} holds no operation`);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const roots = rootFields(op.selectionSet, fragments);
  const never = new Set<string>(NEVER_CACHED_FIELDS.map((c) => c.slice('Query.'.length)));
  return {
    id: sha256Hex(text),
    operationName,
    text,
    operation: op.operation,
    cacheable: op.operation === 'query' && ![...roots].some((f) => never.has(f)),
  };
}

function rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, into = new Set<string>()): Set<string> {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) into.add(s.name.value);
    else if (s.kind === Kind.INLINE_FRAGMENT) rootFields(s.selectionSet, fragments, into);
    else {
      const f = fragments.get(s.name.value);
      if (f) rootFields(f.selectionSet, fragments, into);
    }
  }
  return into;
}
