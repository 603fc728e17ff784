import type { Database } from '../db/database.ts';
import { readSeedVersion } from '../ingest/sync-seed.ts';

/**
 * The graph version as Neo4j holds it now (`:SeedVersion`, written by every sync in the sync's
 * own transaction), read for the response cache and the HTTP ETags.
 *
 * Read from Neo4j, not from this process's live seed: several server processes on one Neo4j
 * share nothing, and a sync made by another one (or by `npm run seed:sync`) must reach every
 * process's cache keys at once. To keep that cheap under load the reads are batched: a caller
 * gets the version from a read that *started after it asked* — it joins the next read, never
 * one already on the way — so no caller can see a version older than the moment it asked, and
 * N concurrent requests cost one small read per Neo4j round trip instead of N.
 */
export interface GraphVersionReader {
  /** The version now, or null when Neo4j holds none (an unversioned sync) or cannot be read. */
  current(): Promise<string | null>;
  /**
   * The version for one request: read once and shared by everything that request asks (its
   * ETag, its cache key), so one request never mixes two versions.
   */
  forRequest(request: Request): Promise<string | null>;
  /** The version the last finished read saw (no read); null before the first. */
  lastSeen(): string | null;
  /** Called with (version, previous) whenever a read sees a version other than the last one seen. */
  onChange(listener: (version: string | null, previous: string | null) => void): void;
  /** Tells the reader of a version learnt another way (this process's live seed synced). */
  observe(version: string | null): void;
  /** Checks this status (the live seed's) before each read: a SYNCED version it moved to is observed at once. */
  follow(status: () => { state: string; version: string }): void;
}

export function createGraphVersionReader(db: Database, read: (db: Database) => Promise<string | null> = readSeedVersion): GraphVersionReader {
  let inFlight: Promise<string | null> | null = null;
  let queued: Promise<string | null> | null = null;
  let seen: string | null = null;
  let readAny = false;
  const byRequest = new WeakMap<Request, Promise<string | null>>();
  const listeners: Array<(version: string | null, previous: string | null) => void> = [];

  const observe = (version: string | null) => {
    const previous = seen;
    seen = version;
    const changed = readAny && previous !== version;
    readAny = true;
    if (changed) for (const l of listeners) l(version, previous);
  };

  let followed: (() => { state: string; version: string }) | undefined;
  let lastFollowed: string | undefined;

  const start = (): Promise<string | null> => {
    // Only a version the live seed moved to since last time: Neo4j may hold another process's
    // newer one, which the live seed's own, older version must not overrule.
    const s = followed?.();
    if (s && s.state === 'SYNCED' && s.version !== lastFollowed) {
      lastFollowed = s.version;
      if (/^[0-9a-f]+$/.test(s.version)) observe(s.version);
    }
    const p = read(db).then(
      (v) => {
        observe(v);
        return v;
      },
      // An unreadable version means nothing may be cached or revalidated; the request itself
      // goes on and meets the outage as DATABASE_UNAVAILABLE.
      () => null,
    );
    inFlight = p.finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  const current = (): Promise<string | null> => {
    if (!inFlight) return start();
    // A read is on its way but started before this call: wait for the next one.
    queued ??= inFlight.then(() => {
      queued = null;
      return start();
    });
    return queued;
  };

  return {
    current,
    forRequest(request) {
      let v = byRequest.get(request);
      if (!v) {
        v = current();
        byRequest.set(request, v);
      }
      return v;
    },
    lastSeen: () => seen,
    onChange(listener) {
      listeners.push(listener);
    },
    observe,
    follow(status) {
      followed = status;
      lastFollowed = status().version;
    },
  };
}
