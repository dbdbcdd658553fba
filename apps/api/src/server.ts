import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { createAccess } from './auth/access.ts';
import { accessConfigFrom } from './auth/config.ts';
import { resolveSecret } from './auth/secret.ts';
import { readEnv } from './env.ts';
import { openDatabase } from './open-database.ts';
import { createEvaluator } from './services/alerts/evaluator.ts';
import { createRetentionJob } from './services/retention.ts';

/** Starts the API: opens (and migrates) the database, then listens. Returns a stop function. */
export async function startApi(env = readEnv()) {
  const access = accessConfigFrom(env, resolveSecret(env));
  const database = await openDatabase(env);
  const alertDelivery = { smtpUrl: env.SMTP_URL, smtpFrom: env.SMTP_FROM };
  const { app, live, traffic, probes } = createApp(
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
  probes.start();
  // Alerts: every instance evaluates; the database makes each alert go out once (services/alerts/).
  const evaluator = createEvaluator(database.db, {
    publicUrl: access.publicUrl,
    heartbeatTimeoutS: env.HEARTBEAT_TIMEOUT_S,
    staleAfterS: env.STALE_AFTER_S,
    delivery: alertDelivery,
  });
  if (env.ALERTS_ENABLED === '1') evaluator.start();
  const retention = createRetentionJob(database.db, { days: env.RETENTION_RAW_DAYS, log: console.log });
  retention.start();
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.API_PORT;
  return {
    url: `http://${env.HOST}:${port}`,
    publicUrl: access.publicUrl,
    sso: access.sso?.label,
    where: database.where,
    /** Requests in flight now (for tests and the stop below). */
    inFlight: () => traffic.inFlight,
    /**
     * A graceful stop: readiness 503 for SHUTDOWN_DRAIN_S while still serving, then no new connections,
     * then the requests in flight finish (at most SHUTDOWN_TIMEOUT_S), then live streams are cut (their
     * clients reconnect to another instance) and the database is closed.
     */
    async stop() {
      traffic.drain();
      if (env.SHUTDOWN_DRAIN_S > 0) await new Promise((r) => setTimeout(r, env.SHUTDOWN_DRAIN_S * 1000));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ('closeIdleConnections' in server) server.closeIdleConnections();
      await Promise.all([traffic.idle(env.SHUTDOWN_TIMEOUT_S * 1000), probes.stop()]);
      if ('closeAllConnections' in server) server.closeAllConnections();
      await closed;
      await evaluator.stop();
      await retention.stop();
      await live.close();
      await database.close();
    },
  };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  try {
    const env = readEnv();
    const api = await startApi(env);
    console.log(`Switchboard API listening on ${api.url} (database: ${api.where})`);
    console.log(`  sign-in links on ${api.publicUrl}; single sign-on: ${api.sso ?? 'not configured'}`);
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`Switchboard API stopping (${signal})`);
      // Bounded: whatever hangs, the process is gone a little after the drain and the wait for requests.
      const deadline = (env.SHUTDOWN_DRAIN_S + env.SHUTDOWN_TIMEOUT_S + 5) * 1000;
      setTimeout(() => {
        console.error('Switchboard API: stop took too long, exiting');
        process.exit(1);
      }, deadline).unref();
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
