import { createHash } from 'node:crypto';

/** A file's version: a short content hash of its bytes (12 hex digits of SHA-256). */
export function fileVersion(bytes: Uint8Array | string): string {
  return createHash('sha256')
    .update(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes)
    .digest('hex')
    .slice(0, 12);
}
