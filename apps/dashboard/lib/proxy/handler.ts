import type { IncomingMessage, ServerResponse } from 'node:http';
import { answerJson, forward } from './forward.ts';
import { proxyRoute } from './routes.ts';

/**
 * Answers a request if it is one of the same-origin proxies' (routes.ts), forwarding it to the API at
 * `apiUrl`; returns false, having done nothing, when it is not (a page: Next.js's).
 */
export function handleProxy(request: IncomingMessage, response: ServerResponse, apiUrl: string): boolean {
  let path: string;
  let search: string;
  try {
    // Normalised (dot segments resolved) before any rule looks at it.
    ({ pathname: path, search } = new URL(request.url ?? '/', 'http://dashboard.invalid'));
  } catch {
    answerJson(response, 400, { error: { code: '400', message: 'the request URL is not valid' } });
    return true;
  }
  const route = proxyRoute(request.method ?? 'GET', path);
  if (!route) return false;
  if (route.kind === 'refuse') {
    if (route.allow) response.setHeader('allow', route.allow);
    answerJson(response, route.status, route.body);
    return true;
  }
  forward(request, response, new URL(`${apiUrl}${route.path}${search}`), route.options).catch(
    (error: unknown) => {
      console.error(`proxy: ${request.method} ${path}: ${(error as Error).message}`);
      if (!response.headersSent) answerJson(response, 500, route.options.errorBody(500, 'proxy error'));
      else response.destroy();
    },
  );
  return true;
}
