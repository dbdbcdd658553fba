import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { createAccess } from './auth/access.ts';
import { accessConfigFrom } from './auth/config.ts';
import { resolveSecret } from './auth/secret.ts';
import { readEnv } from './env.ts';
import { openDatabase } from './open-database.ts';
import { createEvaluator } from './services/alerts/evaluator.ts';

/** How long a stopping server waits for requests in flight before closing live streams. */
const STOP_GRACE_MS = 2_000;

/** Starts the API: opens (and migrates) the database, then listens. Returns a stop function. */
export async function startApi(env = readEnv()) {
  const access = accessConfigFrom(env, resolveSecret(env));
  const database = await openDatabase(env);
  const alertDelivery = { smtpUrl: env.SMTP_URL, smtpFrom: env.SMTP_FROM };
  const { app, live } = createApp(
    database,
    {
      staleAfterS: env.STALE_AFTER_S,
      heartbeatTimeoutS: env.HEARTBEAT_TIMEOUT_S,
      seriesCacheMb: env.SERIES_CACHE_MB,
      maxSubscribers: env.MAX_SUBSCRIBERS,
      alertDelivery,
    },
    undefined,
    createAccess(database, access),
  );
  // On PostgreSQL, listen for other instances' changes before answering anyone.
  await live.ready();
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.API_PORT, hostname: env.HOST }, () => resolve(s));
  });
  // Alerts: every instance evaluates; the database makes each alert go out once (services/alerts/).
  const evaluator = createEvaluator(database.db, {
    publicUrl: access.publicUrl,
    heartbeatTimeoutS: env.HEARTBEAT_TIMEOUT_S,
    staleAfterS: env.STALE_AFTER_S,
    delivery: alertDelivery,
  });
  if (env.ALERTS_ENABLED === '1') evaluator.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.API_PORT;
  return {
    url: `http://${env.HOST}:${port}`,
    publicUrl: access.publicUrl,
    sso: access.sso?.label,
    where: database.where,
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Live subscriptions (SSE) never end by themselves: after a grace for requests in flight, cut the
      // connections left, so their clients reconnect (to another instance behind the load balancer).
      const cut = setTimeout(() => {
        if ('closeAllConnections' in server) server.closeAllConnections();
      }, STOP_GRACE_MS);
      await closed;
      clearTimeout(cut);
      await evaluator.stop();
      await live.close();
      await database.close();
    },
  };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  try {
    const api = await startApi();
    console.log(`Switchboard API listening on ${api.url} (database: ${api.where})`);
    console.log(`  sign-in links on ${api.publicUrl}; single sign-on: ${api.sso ?? 'not configured'}`);
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`Switchboard API stopping (${signal})`);
      await api.stop();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
