import http, { type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { BodyTooLarge, readLimited } from './body.ts';
import { apiCredentials } from './credentials.ts';
import { downstreamResponseHeaders, upstreamRequestHeaders } from './headers.ts';

export interface ForwardOptions {
  /**
   * Largest request body passed on; a larger one gets 413 and never reaches the API. `null`: the body is
   * streamed on as it arrives, unbuffered (uploads the API bounds itself).
   */
  bodyLimit: number | null;
  /** Act as the display whose token is in the display cookie (see credentials.ts). */
  asDisplay?: boolean;
  /** Pass on `Authorization: Bearer <token>` when the token starts with this (export tokens, `sbx_`). */
  passBearer?: string;
  /** The JSON body of an error answered by the proxy itself (413, 502), in the upstream's own shape. */
  errorBody(status: number, message: string): unknown;
}

const READS = new Set(['GET', 'HEAD']);
/** Kept-alive connections to the API, reused across requests (one per concurrent request or stream). */
const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };
/** Event streams open through this process: ended on shutdown so that browsers reconnect elsewhere. */
const openStreams = new Set<ServerResponse>();

/** Answers a JSON body that the proxy wrote itself (never cached). */
export function answerJson(response: ServerResponse, status: number, body: unknown, close = false): void {
  const headers: OutgoingHttpHeaders = { 'content-type': 'application/json', 'cache-control': 'no-store' };
  if (close) headers.connection = 'close';
  response.writeHead(status, headers).end(JSON.stringify(body));
}

/** A network error in one line for the log. */
const describe = (error: unknown) =>
  (error as { code?: string }).code ?? (error as Error).message ?? String(error);

/** One request to the API; resolves with its answer (headers read, body not yet). */
function send(
  target: URL,
  method: string,
  headers: OutgoingHttpHeaders,
  body: Buffer | IncomingMessage | undefined,
  gone: AbortSignal,
): Promise<IncomingMessage> {
  const secure = target.protocol === 'https:';
  const request = (secure ? https : http).request(target, {
    method,
    headers,
    agent: secure ? agents.https : agents.http,
    signal: gone,
  });
  return new Promise((resolve, reject) => {
    request.once('response', resolve).once('error', reject);
    if (body === undefined || Buffer.isBuffer(body)) request.end(body);
    else (body as IncomingMessage).pipe(request);
  });
}

/**
 * Forwards a request to `target` on the API and streams the answer back byte for byte: redirects are
 * passed through, every `Set-Cookie` is kept, an SSE stream passes event by event. When the browser goes,
 * the request to the API is closed too, so the API does not keep a subscription for nobody.
 */
export async function forward(
  request: IncomingMessage,
  response: ServerResponse,
  target: URL,
  options: ForwardOptions,
): Promise<void> {
  const method = request.method ?? 'GET';
  let body: Buffer | IncomingMessage | undefined;
  if (!READS.has(method)) {
    if (options.bodyLimit === null) body = request;
    else {
      try {
        body = await readLimited(request, options.bodyLimit);
      } catch (error) {
        if (!(error instanceof BodyTooLarge)) throw error;
        // The rest of the body is never read: the connection closes after the answer.
        return answerJson(response, 413, options.errorBody(413, error.message), true);
      }
    }
  }
  const headers = upstreamRequestHeaders(request.headers, request.socket.remoteAddress);
  Object.assign(headers, apiCredentials(request.headers.cookie, options.asDisplay));
  const bearer = /^Bearer\s+(\S{1,200})\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (options.passBearer && bearer?.startsWith(options.passBearer))
    headers.authorization = `Bearer ${bearer}`;
  if (body instanceof Buffer) headers['content-length'] = body.byteLength;
  else if (body && request.headers['content-length'])
    headers['content-length'] = request.headers['content-length'];

  const gone = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) gone.abort();
  });
  let upstream: IncomingMessage;
  try {
    upstream = await send(target, method, headers, body, gone.signal).catch((error: unknown) => {
      // A read that failed to connect (an instance restarting, a kept-alive connection the API had just
      // closed) is tried once more: reads change nothing, so a second try is always safe. Writes are not.
      if (!READS.has(method) || gone.signal.aborted) throw error;
      return send(target, method, headers, body, gone.signal);
    });
  } catch (error) {
    if (gone.signal.aborted) return;
    console.error(`proxy: ${method} ${target.pathname}: ${describe(error)}`);
    return answerJson(response, 502, options.errorBody(502, 'the Switchboard API is not reachable'));
  }
  const out = downstreamResponseHeaders(upstream.headers);
  const stream = String(upstream.headers['content-type']).startsWith('text/event-stream');
  if (stream) {
    // Never compressed or buffered on the way: each event goes out as it arrives.
    out['cache-control'] = 'no-cache, no-transform';
    out['x-accel-buffering'] = 'no';
    openStreams.add(response);
  }
  response.writeHead(upstream.statusCode ?? 502, upstream.statusMessage, out);
  if (stream) response.flushHeaders();
  try {
    await pipeline(upstream, response);
  } catch {
    // The browser went, or the API did mid-answer: both ends are closed by now; a browser's live stream
    // reconnects by itself.
  } finally {
    openStreams.delete(response);
  }
}

/** Ends every event stream open through this process (shutdown): each browser reconnects by itself. */
export function endStreams(): void {
  for (const response of openStreams) response.end();
}
