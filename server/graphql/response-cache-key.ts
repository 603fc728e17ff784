import { sha256Hex } from './persisted-documents.ts';

/** Hashes of documents seen lately (GraphiQL may send any number; the client sends a few dozen). */
const documentIds = new Map<string, string>();
const MAX_REMEMBERED_DOCUMENTS = 1000;

/** The persisted id of a document's text: its sha256, remembered for the texts sent often. */
export function documentId(text: string): string {
  let id = documentIds.get(text);
  if (id === undefined) {
    if (documentIds.size >= MAX_REMEMBERED_DOCUMENTS) documentIds.clear();
    id = sha256Hex(text);
    documentIds.set(text, id);
  }
  return id;
}

/**
 * The one key for an answer, used by the response cache and as the HTTP ETag (quoted, as an
 * ETag is): the graph version, then a hash of the document, the operation and the variables as
 * sent. The same request at the same version is the same answer, in any process, so a
 * conditional GET is answered from the key alone. Variables are hashed in the order the client
 * wrote them: the client always writes them the same way, and a reordering only costs a miss.
 */
export function responseCacheKey(version: string, docId: string, operationName: string | null | undefined, variables: unknown): string {
  const request = sha256Hex(`${docId}\n${operationName ?? ''}\n${JSON.stringify(variables ?? null)}`).slice(0, 32);
  return `"${version}-${request}"`;
}
