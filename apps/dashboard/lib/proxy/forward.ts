import { BodyTooLarge, readLimited } from './body.ts';
import { apiCredentials } from './credentials.ts';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './headers.ts';
import { relay } from './relay.ts';

export interface ForwardOptions {
  /** Largest request body passed on; a larger one gets 413 and never reaches the API. */
  bodyLimit: number;
  /** Act as the display whose token is in the display cookie (see credentials.ts). */
  asDisplay?: boolean;
  /** Pass on `Authorization: Bearer <token>` when the token starts with this (export tokens, `sbx_`). */
  passBearer?: string;
  /** The JSON body of an error answered by the proxy itself (413, 502), in the upstream's own shape. */
  errorBody(status: number, message: string): unknown;
}

const READS = new Set(['GET', 'HEAD']);

/** A network error in one line for the log (undici puts the reason in `cause`). */
const describe = (error: unknown) => {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
};

/**
 * Forwards a request to `target` on the API and streams the answer back: redirects are passed through
 * (`redirect: 'manual'`), every `Set-Cookie` is kept, an SSE stream passes event by event.
 */
export async function forward(request: Request, target: string, options: ForwardOptions): Promise<Response> {
  const noStore = { 'cache-control': 'no-store' };
  let body: Uint8Array<ArrayBuffer> | undefined;
  try {
    body = await readLimited(request, options.bodyLimit);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    const message = `request body is larger than ${options.bodyLimit} bytes`;
    return Response.json(options.errorBody(413, message), { status: 413, headers: noStore });
  }
  const headers = upstreamRequestHeaders(request.headers);
  apiCredentials(request.headers.get('cookie'), options.asDisplay).forEach((value, name) => {
    headers.set(name, value);
  });
  const bearer = /^Bearer\s+(\S{1,200})\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (options.passBearer && bearer?.startsWith(options.passBearer))
    headers.set('authorization', `Bearer ${bearer}`);
  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort(request.signal.reason), { once: true });
  const send = () =>
    fetch(target, {
      method: request.method,
      headers,
      body,
      signal: abort.signal,
      cache: 'no-store',
      redirect: 'manual',
      // (`cache` is Next's; the cast keeps this file type-checking under Node's own fetch types too.)
    } as RequestInit);
  let upstream: Response;
  try {
    upstream = await send().catch((error: unknown) => {
      // A read that failed to connect (an instance restarting, a kept-alive connection the API had just
      // closed) is tried once more: reads change nothing, so a second try is always safe. Writes are not.
      if (!READS.has(request.method) || abort.signal.aborted) throw error;
      return send();
    });
  } catch (error) {
    if (!abort.signal.aborted)
      console.error(`proxy: ${request.method} ${new URL(target).pathname}: ${describe(error)}`);
    const message = 'the Switchboard API is not reachable';
    return Response.json(options.errorBody(502, message), { status: 502, headers: noStore });
  }
  const out = downstreamResponseHeaders(upstream.headers);
  if (out.get('content-type')?.startsWith('text/event-stream')) {
    // Never compressed or buffered on the way: each event goes out as it arrives.
    out.set('cache-control', 'no-cache, no-transform');
    out.set('x-accel-buffering', 'no');
  }
  return new Response(upstream.body && relay(upstream.body, abort), {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: out,
  });
}
