import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { prepareNextEnvironment, readEnv } from './env.ts';
import { endStreams } from './lib/proxy/forward.ts';
import { handleProxy } from './lib/proxy/handler.ts';

/**
 * The dashboard's server: the same-origin proxies to the API (lib/proxy/routes.ts) answered here in plain
 * Node, and every page by Next.js. Most requests are the proxies' (every live refetch of every open page
 * and wallboard): through a Next.js route handler each cost about 4 ms of CPU, here a fraction of that.
 *
 *   node --import tsx server.ts        (what `npm run start:dashboard` runs after building if stale)
 *
 * NODE_ENV=development runs Next's dev server (`npm run dev`). SIGTERM or SIGINT: stop accepting, end the
 * live streams (browsers reconnect by themselves), let requests in flight finish, exit within 10 s.
 */
const env = readEnv();
prepareNextEnvironment();
const SHUTDOWN_GRACE_MS = 10_000;

// Imported only now: Next and React choose their builds by NODE_ENV when first loaded.
const { default: next } = await import('next');
const app = next({
  dev: env.DEV,
  turbopack: env.DEV,
  dir: fileURLToPath(new URL('.', import.meta.url)),
  hostname: env.DASHBOARD_HOST,
  port: env.DASHBOARD_PORT,
});
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  if (!handleProxy(request, response, env.API_URL)) void handle(request, response);
});
server.listen(env.DASHBOARD_PORT, env.DASHBOARD_HOST, () => {
  console.log(
    `✓ Ready: Switchboard dashboard on http://${env.DASHBOARD_HOST}:${env.DASHBOARD_PORT} (API ${env.API_URL})`,
  );
});

let stopping = false;
function shutdown(): void {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
  server.close(() => {
    void app.close().finally(() => process.exit(0));
  });
  endStreams();
  server.closeIdleConnections();
}
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);
