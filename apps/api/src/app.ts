import { LIMITS } from '@switchboard/contracts';
import { type Database, isReady } from '@switchboard/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { rejectionReason } from './errors.ts';
import { mountExports } from './export/index.ts';
import { createLiveHub, type LiveHub } from './live/hub.ts';
import { createMetrics } from './metrics.ts';
import { SeriesCache } from './services/queries/series-cache.ts';
import { DEFAULT_SETTINGS, type QuerySettings } from './trpc/context.ts';
import { appRouter } from './trpc/router.ts';

const errorBody = (code: string, httpStatus: number, message: string) => ({
  error: { message, code: -32600, data: { code, httpStatus } },
});

/**
 * The HTTP shell: tRPC at /trpc, health, readiness and Prometheus metrics. The live hub is created from the
 * database unless given; whoever stops the server closes it (`live.close()`).
 */
export function createApp(
  database: Pick<Database, 'db' | 'rows' | 'driver' | 'pg'>,
  settings: QuerySettings = DEFAULT_SETTINGS,
  live: LiveHub = createLiveHub(database),
) {
  const metrics = createMetrics();
  const seriesCache = new SeriesCache();
  live.subscribe((change) => seriesCache.invalidate(change));
  const app = new Hono();

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) =>
    (await isReady(database as Database))
      ? c.json({ ok: true })
      : c.json({ ok: false, reason: 'database not reachable or not migrated' }, 503),
  );
  app.get('/metrics', async (c) =>
    c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType }),
  );

  app.use(
    '/trpc/*',
    bodyLimit({
      maxSize: LIMITS.maxBodyBytes,
      onError: (c) => {
        metrics.rejected.inc({ path: c.req.path.replace('/trpc/', ''), reason: 'too_large' });
        const message = `request body is larger than ${LIMITS.maxBodyBytes} bytes; send at most ${LIMITS.maxBatch} items a batch`;
        return c.json(errorBody('PAYLOAD_TOO_LARGE', 413, message), 413);
      },
    }),
  );
  app.all('/trpc/*', (c) =>
    fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: appRouter,
      createContext: () => ({
        db: database.db,
        metrics,
        settings,
        live,
        seriesCache,
        authorization: c.req.header('authorization') ?? null,
      }),
      onError: ({ error, path }) => {
        metrics.rejected.inc({ path: path ?? 'unknown', reason: rejectionReason(error.code) });
        if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[api] ${path}:`, error.cause ?? error);
      },
    }),
  );
  mountExports(app, { db: database.db, settings });
  app.notFound((c) => c.json(errorBody('NOT_FOUND', 404, `no route ${c.req.method} ${c.req.path}`), 404));
  return { app, metrics, live, seriesCache };
}
