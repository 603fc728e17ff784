import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';

/**
 * The one stylesheet Cytoscape.js injects (so its container is `position: relative`):
 * allowed by its hash, so the page needs no 'unsafe-inline' for styles.
 */
export const CYTOSCAPE_STYLESHEET = '.__________cytoscape_container { position: relative; }';

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The explorer's Content-Security-Policy: its own scripts, styles, worker and API only.
 * img-src admits data: and blob: for the PNG/SVG exports; frame-ancestors 'none' refuses framing
 * (clickjacking); nothing may be loaded from another origin.
 */
export const CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // The layout runs in a Web Worker built into assets/ (same origin).
  "worker-src 'self'",
  `style-src 'self' ${sha256(CYTOSCAPE_STYLESHEET)}`,
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** For answers that are data, not pages (/graphql's JSON, /healthz): nothing may run or load. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * Headers every answer carries: its CSP; no MIME sniffing; no Referer sent to the outlets the
 * evidence links to (an analyst's reading is their own business); no framing, also for browsers
 * that ignore frame-ancestors; a window of its own (no opener from another site).
 */
export function setSecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('content-security-policy', csp);
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
}
