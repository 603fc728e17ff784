/** Opaque cursors over a stable order: base64 of the offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

/** The offset after a cursor (0 without one); throws on a malformed cursor. */
export function decodeOffset(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new CursorError(cursor);
  return Number(m[1]) + 1;
}

export class CursorError extends Error {
  constructor(cursor: string) {
    super(`malformed cursor "${cursor.slice(0, 40)}"`);
  }
}
