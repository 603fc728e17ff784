import type { ExecutionResult } from 'graphql';
import type { Cache } from '@graphql-yoga/plugin-response-cache';

/**
 * The store behind the response cache: a least-recently-used map bounded by the bytes its
 * answers take, not by their number. The plugin's own in-memory cache counts entries, and ours
 * range from a 200-byte `entity` to a 1 MB `neighbourhood` of depth 3: a count that is safe for
 * the large would waste memory on the small, and one fitted to the small lets the large grow
 * without limit. Size is the UTF-16 length of the answer's JSON × 2 (what V8 holds for the
 * string, a fair proxy for the object); an answer over a quarter of the budget is not stored.
 *
 * Keys start with the graph version (`"<version>-<hash>"`, see response-cache-key.ts): `get`
 * refuses a key of another version than `isCurrent` accepts, and `set` stores only when the
 * version is still current after the answer was made — a sync that committed while a request
 * ran must not leave that request's answer under the old version's key.
 */
export interface BoundedResponseCache extends Cache {
  /** Drops every entry (a new graph version: none of them can be served again). */
  clear(): void;
  /** Bytes held now (the estimate above). */
  bytes(): number;
  /** Entries held now. */
  size(): number;
  /** Lookups that found a current answer, and those that did not, since the start. */
  lookups(): { hits: number; misses: number };
  readonly maxBytes: number;
}

export interface BoundedResponseCacheOptions {
  maxBytes: number;
  /** Whether answers of this version may be served: the version last seen (no read). */
  isCurrent: (version: string) => boolean;
  /** Whether an answer made for this version may be stored: the version read again now. */
  stillCurrent: (version: string) => Promise<boolean>;
}

interface Entry {
  result: ExecutionResult;
  bytes: number;
}

/** The version a cache key was made for (see responseCacheKey). */
export function versionOfKey(key: string): string {
  const dash = key.indexOf('-');
  return key.slice(key.startsWith('"') ? 1 : 0, dash < 0 ? undefined : dash);
}

export function createBoundedResponseCache({ maxBytes, isCurrent, stillCurrent }: BoundedResponseCacheOptions): BoundedResponseCache {
  const entries = new Map<string, Entry>();
  let held = 0;
  let hits = 0;
  let misses = 0;

  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    entries.delete(key);
    held -= e.bytes;
  };

  const store = (key: string, result: ExecutionResult) => {
    const bytes = (JSON.stringify(result).length + key.length) * 2;
    if (bytes > maxBytes / 4) return;
    drop(key);
    entries.set(key, { result, bytes });
    held += bytes;
    // Map iteration follows insertion order, and a hit re-inserts: the first key is the least recently used.
    for (const oldest of entries.keys()) {
      if (held <= maxBytes) break;
      drop(oldest);
    }
  };

  return {
    maxBytes,
    get(key) {
      const e = entries.get(key);
      if (!e || !isCurrent(versionOfKey(key))) {
        drop(key);
        misses += 1;
        return undefined;
      }
      hits += 1;
      entries.delete(key);
      entries.set(key, e);
      return e.result;
    },
    set(key, result) {
      // Not awaited by the plugin: the answer goes out while this checks the version.
      return stillCurrent(versionOfKey(key)).then((ok) => {
        if (ok) store(key, result);
      });
    },
    // Entries are invalidated by version (clear), never by entity: a sync may change any answer.
    invalidate() {},
    clear() {
      entries.clear();
      held = 0;
    },
    bytes: () => held,
    size: () => entries.size,
    lookups: () => ({ hits, misses }),
  };
}
