import { type ServerType, serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { readEnv } from './env.ts';
import { openDatabase } from './open-database.ts';

/** Starts the API: opens (and migrates) the database, then listens. Returns a stop function. */
export async function startApi(env = readEnv()) {
  const database = await openDatabase(env);
  const { app } = createApp(database, {
    staleAfterS: env.STALE_AFTER_S,
    heartbeatTimeoutS: env.HEARTBEAT_TIMEOUT_S,
  });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: env.API_PORT, hostname: env.HOST }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : env.API_PORT;
  return {
    url: `http://${env.HOST}:${port}`,
    where: database.where,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  try {
    const api = await startApi();
    console.log(`Switchboard API listening on ${api.url} (database: ${api.where})`);
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
