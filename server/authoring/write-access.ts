import { timingSafeEqual, createHash } from 'node:crypto';

/** Whether a request may write, and why not (Query.authoring). */
export interface WriteAccess {
  enabled: boolean;
  reason: string | null;
  /** Writes are refused only for want of the right bearer token: the explorer asks for it. */
  tokenRequired: boolean;
}

export interface WriteAccessInput {
  /** The address the server listens on. */
  listenHost: string;
  /** The request's Authorization header, if any. */
  authorization: string | null;
  /** Whether the server has a seed folder to edit (a live seed). */
  hasSeed: boolean;
  /** @default process.env */
  env?: NodeJS.ProcessEnv;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '[::1]']);

/**
 * Who may write: nobody when SPLINTERNET_READONLY=1; anyone who can reach a server that listens
 * on loopback only (they are on this machine); elsewhere only a request carrying
 * SPLINTERNET_EDIT_TOKEN as `Authorization: Bearer <token>` (compared in constant time).
 */
export function writeAccess({ listenHost, authorization, hasSeed, env = process.env }: WriteAccessInput): WriteAccess {
  if (env.SPLINTERNET_READONLY === '1' || env.SPLINTERNET_READONLY === 'true') {
    return { enabled: false, reason: 'this is a read-only deployment (SPLINTERNET_READONLY=1)', tokenRequired: false };
  }
  if (!hasSeed) return { enabled: false, reason: 'this server has no seed folder to edit', tokenRequired: false };
  const token = env.SPLINTERNET_EDIT_TOKEN ?? '';
  if (token) {
    const given = /^Bearer[ ]+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
    if (given !== undefined && sameSecret(given, token)) return { enabled: true, reason: null, tokenRequired: false };
  }
  if (LOOPBACK.has(listenHost.toLowerCase())) return { enabled: true, reason: null, tokenRequired: false };
  if (!token)
    return { enabled: false, reason: `the server listens on ${listenHost}, not loopback only, and no SPLINTERNET_EDIT_TOKEN is set`, tokenRequired: false };
  return {
    enabled: false,
    reason: authorization ? 'the bearer token is wrong' : 'send SPLINTERNET_EDIT_TOKEN as "Authorization: Bearer <token>"',
    tokenRequired: true,
  };
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
