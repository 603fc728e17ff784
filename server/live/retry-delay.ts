/** How long to wait before retry `attempt` (1, 2, …): `firstMs`, doubling, at most `maxMs`. */
export function retryDelay(attempt: number, firstMs = 250, maxMs = 2_000): number {
  return Math.min(maxMs, firstMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}
