/**
 * Helpers for the dashboard's same-origin proxies (tRPC today; sign-in tomorrow): headers copied without
 * hop-by-hop ones, request bodies streamed with a byte limit (never buffered), response bodies relayed
 * chunk by chunk with the upstream request aborted when the browser goes.
 */

/** Hop-by-hop and encoding headers that must not be copied across the proxy. */
const DROP_REQUEST = ['host', 'connection', 'content-length', 'accept-encoding', 'keep-alive', 'upgrade'];
const DROP_RESPONSE = ['connection', 'content-length', 'content-encoding', 'transfer-encoding', 'keep-alive'];

export function copyHeaders(source: Headers, drop: readonly string[]): Headers {
  const headers = new Headers();
  source.forEach((value, name) => {
    if (!drop.includes(name.toLowerCase())) headers.set(name, value);
  });
  return headers;
}

/** A JSON error in the tRPC shape, never cached. */
export function errorResponse(status: number, message: string): Response {
  const error = { message, code: -32600, data: { httpStatus: status } };
  return Response.json({ error }, { status, headers: { 'cache-control': 'no-store' } });
}

/** Raised inside a limited body stream once more than its limit has passed. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`request body is larger than ${maxBytes} bytes`);
  }
}

/** The body passed on as it arrives, erroring (and so aborting the upstream request) past `maxBytes`. */
export function limitBody(body: ReadableStream<Uint8Array>, maxBytes: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new BodyTooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
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

/**
 * Forwards `request` to `target`: the body streamed with at most `maxBodyBytes` (413 past it, whether
 * declared by content-length or found while streaming), the answer streamed back (SSE event by event).
 */
export async function forward(
  request: Request,
  target: string,
  options: { maxBodyBytes: number; unreachable: string },
): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > options.maxBodyBytes) {
    return errorResponse(413, `request body is larger than ${options.maxBodyBytes} bytes`);
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  const abort = new AbortController();
  request.signal.addEventListener('abort', () => abort.abort(request.signal.reason), { once: true });
  const body = hasBody && request.body ? limitBody(request.body, options.maxBodyBytes) : undefined;
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers: copyHeaders(request.headers, DROP_REQUEST),
      body,
      // A streamed request body (Node's fetch needs to be told).
      ...(body ? { duplex: 'half' } : {}),
      signal: abort.signal,
      cache: 'no-store',
      redirect: 'manual',
    } as RequestInit);
  } catch (error) {
    if (isTooLarge(error))
      return errorResponse(413, `request body is larger than ${options.maxBodyBytes} bytes`);
    return errorResponse(502, options.unreachable);
  }
  const headers = copyHeaders(upstream.headers, DROP_RESPONSE);
  if (headers.get('content-type')?.startsWith('text/event-stream')) {
    // Never compressed or buffered on the way: each event goes out as it arrives.
    headers.set('cache-control', 'no-cache, no-transform');
    headers.set('x-accel-buffering', 'no');
  }
  return new Response(upstream.body && relay(upstream.body, abort), { status: upstream.status, headers });
}

function isTooLarge(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (e instanceof BodyTooLarge) return true;
  }
  return false;
}
