/**
 * A small fetch wrapper for the splinternet GraphQL endpoint. Every failure becomes an
 * `ApiError` with a `kind` the UI can explain: the server answered with GraphQL errors
 * (`graphql`, carrying `extensions.code`), answered with a bad HTTP status (`http`), could not
 * be reached (`network`), or took too long (`timeout`).
 */

/** What went wrong, from the user's point of view. */
export type ApiErrorKind = 'graphql' | 'http' | 'network' | 'timeout' | 'aborted';

/** One entry of a GraphQL response's `errors`. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** A failed API call, typed for the UI. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly kind: ApiErrorKind;
  /** `extensions.code` of the first GraphQL error (`NOT_FOUND`, `BAD_USER_INPUT`…), if any. */
  readonly code: string | undefined;
  readonly status: number | undefined;
  readonly errors: readonly GraphQLErrorEntry[];
  /** Which operation failed, for the message shown to the user. */
  readonly operation: string;

  constructor(init: {
    kind: ApiErrorKind;
    message: string;
    operation: string;
    code?: string | undefined;
    status?: number | undefined;
    errors?: readonly GraphQLErrorEntry[];
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code;
    this.status = init.status;
    this.errors = init.errors ?? [];
    this.operation = init.operation;
  }

  /** A sentence for a toast: what failed and what the user can do. */
  userMessage(): string {
    switch (this.kind) {
      case 'network':
        return 'Cannot reach the splinternet server. Is it running? Retry in a moment.';
      case 'timeout':
        return `The server took too long to answer (${this.operation}). Try a smaller request.`;
      case 'http':
        return `The server answered ${this.status ?? '?'} to ${this.operation}: ${this.message}`;
      case 'aborted':
        return `${this.operation} was cancelled.`;
      case 'graphql':
        return `${this.operation} failed${this.code ? ` (${this.code})` : ''}: ${this.message}`;
    }
  }
}

/** A typed operation: its text and, for the type checker only, its variables and result. */
export interface Operation<TResult, TVariables> {
  readonly name: string;
  readonly query: string;
  /** Phantom fields: never set, they only carry the types. */
  readonly __result?: TResult;
  readonly __variables?: TVariables;
}

export interface GraphQLClientOptions {
  /** @default '/graphql' */
  endpoint?: string;
  /** @default 20000 */
  timeoutMs?: number;
  /** Injected in tests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** The bearer token to send, if any (the edit token an analyst entered). @default none */
  bearerToken?: () => string | null;
  /** Send queries as persisted documents over GET. @default true where WebCrypto is available */
  persisted?: boolean;
}

/**
 * Sends typed operations to the GraphQL endpoint. A query goes as a persisted document — the
 * sha256 of its text, which the server reads from these same operation modules — over GET, so
 * its answer carries an ETag and may be kept by the browser or a CDN; mutations (and a query
 * whose variables would make the URL too long) are POSTed with their text and the CSRF header.
 */
export class GraphQLClient {
  private readonly endpoint: string;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly bearerToken: () => string | null;
  private readonly persisted: boolean;
  /** Operation texts whose id the server did not know (a server built from other sources): sent as text from then on. */
  private readonly unknownToServer = new Set<string>();

  constructor(options: GraphQLClientOptions = {}) {
    this.bearerToken = options.bearerToken ?? (() => null);
    this.endpoint = options.endpoint ?? '/graphql';
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    // Hashing needs WebCrypto, which browsers offer on https and localhost only.
    this.persisted = options.persisted ?? globalThis.crypto?.subtle !== undefined;
  }

  /** Runs `op`; resolves with `data` or rejects with an `ApiError`. */
  async request<TResult, TVariables>(op: Operation<TResult, TVariables>, variables: TVariables, signal?: AbortSignal): Promise<TResult> {
    if (this.persisted && isQuery(op.query) && !this.unknownToServer.has(op.query)) {
      const url = `${this.endpoint}?${new URLSearchParams({
        operationName: op.name,
        variables: JSON.stringify(variables),
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: await documentId(op.query) } }),
      }).toString()}`;
      if (url.length <= MAX_GET_URL) {
        try {
          return await this.exchange<TResult>(
            op.name,
            url,
            {
              method: 'GET',
              headers: { accept: ACCEPT, ...bearer(this.bearerToken()) },
              // Revalidate every time (a 304 when nothing changed): a live update must never be
              // hidden by an answer the browser kept. CDNs keep answers for max-age (see README).
              cache: 'no-cache',
            },
            signal,
          );
        } catch (err) {
          if (!(err instanceof ApiError && err.code === 'PERSISTED_QUERY_NOT_FOUND')) throw err;
          this.unknownToServer.add(op.query);
        }
      }
    }
    return this.exchange<TResult>(
      op.name,
      this.endpoint,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: ACCEPT,
          // The server's CSRF prevention accepts only requests that carry this header.
          'x-graphql-csrf': '1',
          ...bearer(this.bearerToken()),
        },
        body: JSON.stringify({ operationName: op.name, query: op.query, variables }),
      },
      signal,
    );
  }

  private async exchange<TResult>(operation: string, url: string, init: RequestInit, signal: AbortSignal | undefined): Promise<TResult> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });

    let response: Response;
    try {
      response = await this.fetchImpl(url, { ...init, signal: controller.signal });
    } catch (cause) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      const kind: ApiErrorKind = timedOut ? 'timeout' : signal?.aborted ? 'aborted' : 'network';
      throw new ApiError({ kind, message: describe(cause), operation, cause });
    }

    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      throw new ApiError({
        kind: timedOut ? 'timeout' : 'http',
        status: response.status,
        message: `not a GraphQL response (${response.status} ${response.statusText})`,
        operation,
        cause,
      });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }

    const { data, errors } = parseBody(body);
    if (errors.length > 0) {
      const first = errors[0];
      throw new ApiError({
        kind: 'graphql',
        message: first?.message ?? 'unknown error',
        code: typeof first?.extensions?.code === 'string' ? first.extensions.code : undefined,
        status: response.status,
        errors,
        operation,
      });
    }
    if (!response.ok || data == null) {
      throw new ApiError({
        kind: 'http',
        status: response.status,
        message: response.statusText || 'no data in the response',
        operation,
      });
    }
    return data as TResult;
  }
}

const ACCEPT = 'application/graphql-response+json, application/json';

/** Longer GET URLs are POSTed instead (proxies and CDNs refuse URLs past 8 KB). */
const MAX_GET_URL = 6000;

/** The operation is a query (an operation text starts with its keyword; comments aside). */
function isQuery(text: string): boolean {
  return /^(?:\s|#[^\n]*\n)*query\b/.test(text);
}

const ids = new Map<string, Promise<string>>();

/** sha256 of the operation's text, hex: the id the server knows it by (server/graphql/persisted-documents.ts). */
export function documentId(text: string): Promise<string> {
  let id = ids.get(text);
  if (!id) {
    id = globalThis.crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(text))
      .then((buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join(''));
    ids.set(text, id);
  }
  return id;
}

function parseBody(body: unknown): { data: unknown; errors: GraphQLErrorEntry[] } {
  if (typeof body !== 'object' || body === null) return { data: null, errors: [] };
  const record = body as { data?: unknown; errors?: unknown };
  const errors = Array.isArray(record.errors)
    ? record.errors.map((e): GraphQLErrorEntry => {
        const entry = (typeof e === 'object' && e !== null ? e : {}) as Partial<GraphQLErrorEntry>;
        return {
          message: typeof entry.message === 'string' ? entry.message : String(e),
          ...(entry.path ? { path: entry.path } : {}),
          ...(entry.extensions ? { extensions: entry.extensions } : {}),
        };
      })
    : [];
  return { data: record.data ?? null, errors };
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function bearer(token: string | null): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}
