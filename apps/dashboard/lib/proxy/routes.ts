import { LIMITS, READ_LIMITS } from '@switchboard/contracts';
import { PAGE_PROCEDURES } from '../trpc/procedures.ts';
import type { ForwardOptions } from './forward.ts';

/**
 * The dashboard's same-origin proxies to the API, so the browser never needs CORS and the API's cookies
 * are first-party: which paths pass, to where, with which credentials and limits. The dashboard's server
 * (server.ts) answers these itself, ahead of Next.js, with forward.ts; everything else is Next's.
 */
export type ProxyRoute =
  | { kind: 'forward'; path: string; options: ForwardOptions }
  | { kind: 'refuse'; status: number; body: unknown; allow?: string };

const trpcError = (status: number, message: string) => ({
  error: { message, code: status === 502 ? -32603 : -32600, data: { httpStatus: status } },
});
const authError = (status: number, message: string) => ({
  code: status === 413 ? 'BODY_TOO_LARGE' : 'API_UNREACHABLE',
  message,
});
const plainError = (status: number, message: string) => ({
  error: { code: status === 502 ? 'BAD_GATEWAY' : String(status), message },
});

const EXPORT_NAME = /^\/export\/[a-z][a-z0-9-]{0,40}\.csv$/;
const READ = 'GET, HEAD';
const READ_WRITE = 'GET, HEAD, POST';

function procedures(path: string): string[] {
  const raw = path.replace(/^\/trpc\/?/, '');
  try {
    return decodeURIComponent(raw).split(',');
  } catch {
    return [raw];
  }
}

/**
 * /trpc/*: the procedures the pages use and no others (lib/trpc/procedures.ts), at most
 * READ_LIMITS.maxBatchedCalls a request, with the session cookie and the API's body limit.
 */
function pageTrpc(path: string): ProxyRoute {
  const called = procedures(path);
  if (called.length > READ_LIMITS.maxBatchedCalls) {
    const message = `a batched request may call at most ${READ_LIMITS.maxBatchedCalls} procedures`;
    return { kind: 'refuse', status: 400, body: trpcError(400, message) };
  }
  const refused = called.find((name) => !PAGE_PROCEDURES.has(name));
  if (refused !== undefined) {
    const message = `"${refused.slice(0, 100)}" is not available through the dashboard`;
    return { kind: 'refuse', status: 404, body: trpcError(404, message) };
  }
  return { kind: 'forward', path, options: { bodyLimit: LIMITS.maxBodyBytes, errorBody: trpcError } };
}

/** Which route a request takes, or null for Next.js. `path` is the URL's normalised pathname. */
export function proxyRoute(method: string, path: string): ProxyRoute | null {
  const only = (allow: string, route: () => ProxyRoute): ProxyRoute =>
    allow.split(', ').includes(method)
      ? route()
      : { kind: 'refuse', status: 405, body: plainError(405, `${method} is not allowed here`), allow };

  if (path.startsWith('/trpc/')) return only(READ_WRITE, () => pageTrpc(path));
  if (path.startsWith('/display/trpc/'))
    // The display pages: the same API procedures, read as the display whose token this browser holds in
    // its HttpOnly display cookie (sent on as `Authorization: Bearer`), never as a person.
    return only(READ_WRITE, () => ({
      kind: 'forward',
      path: path.replace(/^\/display\/trpc\//, '/trpc/'),
      options: { bodyLimit: 64 * 1024, asDisplay: true, errorBody: trpcError },
    }));
  if (path.startsWith('/api/auth/'))
    // better-auth: redirects (single sign-on, one-time links) pass as they are; sign-in bodies are small.
    return only(READ_WRITE, () => ({
      kind: 'forward',
      path,
      options: { bodyLimit: 16 * 1024, errorBody: authError },
    }));
  if (path.startsWith('/export/'))
    // CSV exports: a page's `<a href download>` with the session cookie, or a script's export token.
    return only(READ, () =>
      EXPORT_NAME.test(path)
        ? { kind: 'forward', path, options: { bodyLimit: 0, passBearer: 'sbx_', errorBody: plainError } }
        : { kind: 'refuse', status: 404, body: plainError(404, 'no such export') },
    );
  if (path === '/import/calls.csv')
    // The admin's CSV upload, streamed on unbuffered: the API bounds its size and checks the caller.
    return only('POST', () => ({
      kind: 'forward',
      path,
      options: { bodyLimit: null, errorBody: plainError },
    }));
  return null;
}
