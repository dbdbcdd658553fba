import { readEnv } from '../../../env.ts';

/**
 * Same-origin proxy to the API's tRPC endpoint, so the browser never needs CORS. Bodies stream through
 * unbuffered: the live subscription (SSE) passes event by event, and stops upstream when the browser goes.
 */
export const dynamic = 'force-dynamic';

/** Hop-by-hop and encoding headers that must not be copied across the proxy. */
const DROP_REQUEST = ['host', 'connection', 'content-length', 'accept-encoding', 'keep-alive', 'upgrade'];
const DROP_RESPONSE = ['connection', 'content-length', 'content-encoding', 'transfer-encoding', 'keep-alive'];

function copyHeaders(source: Headers, drop: string[]): Headers {
  const headers = new Headers();
  source.forEach((value, name) => {
    if (!drop.includes(name.toLowerCase())) headers.set(name, value);
  });
  return headers;
}

/**
 * The upstream body, passed on chunk by chunk. When the browser goes away (Next cancels the stream), the
 * upstream request is aborted too, so the API does not keep a subscription for nobody.
 */
function relay(body: ReadableStream<Uint8Array>, upstream: AbortController): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream({
    async pull(controller) {
      const { value, done } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      upstream.abort(reason);
      return reader.cancel(reason).catch(() => {});
    },
  });
}

async function proxy(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const target = `${readEnv().API_URL}${url.pathname}${url.search}`;
  const body = request.method === 'GET' ? undefined : await request.arrayBuffer();
  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort(request.signal.reason), { once: true });
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers: copyHeaders(request.headers, DROP_REQUEST),
      body,
      signal: abort.signal,
      cache: 'no-store',
      redirect: 'manual',
    });
  } catch {
    const error = {
      message: 'the Switchboard API is not reachable',
      code: -32603,
      data: { httpStatus: 502 },
    };
    return Response.json({ error }, { status: 502, headers: { 'cache-control': 'no-store' } });
  }
  const headers = copyHeaders(upstream.headers, DROP_RESPONSE);
  if (headers.get('content-type')?.startsWith('text/event-stream')) {
    // Never compressed or buffered on the way: each event goes out as it arrives.
    headers.set('cache-control', 'no-cache, no-transform');
    headers.set('x-accel-buffering', 'no');
  }
  return new Response(upstream.body && relay(upstream.body, abort), { status: upstream.status, headers });
}

export const GET = proxy;
export const POST = proxy;
