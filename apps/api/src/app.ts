import type { LiveChange } from '@switchboard/contracts';
import { LIMITS } from '@switchboard/contracts';
import { type Database, isReady } from '@switchboard/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type Access, createAccess } from './auth/access.ts';
import { localAccessConfig } from './auth/config.ts';
import {
  addressOf,
  corsForTrustedOrigins,
  metricsAllowed,
  mountAuth,
  sameOriginWrites,
  securityHeaders,
  subscriptionRefusal,
} from './auth/http.ts';
import { mountBackup } from './backup/route.ts';
import { rejectionReason } from './errors.ts';
import { mountExports } from './export/index.ts';
import { mountImport } from './import/http.ts';
import { createLiveHub, type LiveHub } from './live/hub.ts';
import { createMetrics } from './metrics.ts';
import { batchRefusal, contentTypeRefusal, procedureLabel, proceduresOf } from './request-guards.ts';
import { createLookups } from './services/ingest/lookups.ts';
import { createIngestService } from './services/ingest/service.ts';
import { createProbeScheduler } from './services/probes/scheduler.ts';
import { OverviewCache } from './services/queries/overview-cache.ts';
import { SeriesCache } from './services/queries/series-cache.ts';
import { createTraffic } from './traffic.ts';
import { DEFAULT_SETTINGS, type QuerySettings } from './trpc/context.ts';
import { appRouter } from './trpc/router.ts';

const errorBody = (code: string, httpStatus: number, message: string) => ({
  error: { message, code: -32600, data: { code, httpStatus } },
});

/** Every procedure's name: the only values the metrics' `path` label takes (besides `unknown`). */
const PROCEDURES: ReadonlySet<string> = new Set(Object.keys(appRouter._def.procedures));

/**
 * The HTTP shell: tRPC at /trpc, better-auth at /api/auth/*, health, readiness and Prometheus metrics. The
 * live hub is created from the database unless given; whoever stops the server closes it (`live.close()`).
 * Who may call what is in auth/permissions.ts.
 */
export function createApp(
  database: Pick<Database, 'db' | 'rows' | 'driver' | 'pg' | 'pglite'>,
  settings: Partial<QuerySettings> = {},
  live: LiveHub = createLiveHub(database),
  access: Access = createAccess(database, localAccessConfig()),
) {
  const config: QuerySettings = { ...DEFAULT_SETTINGS, ...settings };
  const metrics = createMetrics();
  const seriesCache = new SeriesCache({ maxBytes: config.seriesCacheMb * 1024 * 1024 });
  const lookups = createLookups();
  const subscriptions = { open: 0 };
  const overviewCache = new OverviewCache();
  // Ingestion here forgets at once; other instances' changes arrive through the live hub.
  const caches = {
    invalidate(change: LiveChange) {
      seriesCache.invalidate(change);
      overviewCache.invalidate();
    },
  };
  const ingest = createIngestService({
    db: database.db,
    metrics,
    seriesCache: caches,
    live,
    lookups,
    heartbeatTimeoutS: config.heartbeatTimeoutS,
  });
  live.subscribe((change) => caches.invalidate(change));
  const traffic = createTraffic();
  // Probes run only once started (server.ts starts them; tests start their own).
  const probes = createProbeScheduler({ db: database.db, ingest });
  const app = new Hono();
  app.use(traffic.middleware);
  app.use(securityHeaders(access));
  app.use('/trpc/*', corsForTrustedOrigins(access), sameOriginWrites(access));
  app.use('/api/auth/*', corsForTrustedOrigins(access), sameOriginWrites(access));
  app.use('/import/*', sameOriginWrites(access));

  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    if (traffic.draining) return c.json({ ok: false, reason: 'shutting down' }, 503);
    return (await isReady(database as Database))
      ? c.json({ ok: true })
      : c.json({ ok: false, reason: 'database not reachable or not migrated' }, 503);
  });
  app.get('/metrics', async (c) =>
    metricsAllowed(c, access)
      ? c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType })
      : c.json(errorBody('UNAUTHORIZED', 401, 'send "Authorization: Bearer <METRICS_TOKEN>"'), 401),
  );
  mountAuth(app, access);
  mountBackup(app, database.pglite, access);

  app.use('/trpc/*', async (c, next) => {
    const procedures = proceduresOf(c.req.path);
    const label = procedures.length === 1 ? procedureLabel(PROCEDURES, procedures[0]) : 'unknown';
    const unsupported = contentTypeRefusal(c.req.method, c.req.header('content-type'));
    if (unsupported) {
      metrics.rejected.inc({ path: label, reason: 'content_type' });
      return c.json(errorBody('UNSUPPORTED_MEDIA_TYPE', 415, unsupported), 415);
    }
    const batched = procedures.length > 1 || c.req.query('batch') !== undefined;
    const refused = batchRefusal(procedures, batched);
    if (refused) {
      metrics.rejected.inc({ path: label, reason: 'batch' });
      return c.json(errorBody('BAD_REQUEST', 400, refused), 400);
    }
    return next();
  });
  app.use(
    '/trpc/*',
    bodyLimit({
      maxSize: LIMITS.maxBodyBytes,
      onError: (c) => {
        const procedures = proceduresOf(c.req.path);
        metrics.rejected.inc({ path: procedureLabel(PROCEDURES, procedures[0]), reason: 'too_large' });
        const message = `request body is larger than ${LIMITS.maxBodyBytes} bytes; send at most ${LIMITS.maxBatch} items a batch`;
        return c.json(errorBody('PAYLOAD_TOO_LARGE', 413, message), 413);
      },
    }),
  );
  const subscriptionPaths = new Set(
    Object.entries(
      (appRouter._def as unknown as { procedures: Record<string, { _def: { type: string } }> }).procedures,
    )
      .filter(([, p]) => p._def.type === 'subscription')
      .map(([path]) => path),
  );
  app.all('/trpc/*', async (c) => {
    const ask = () => access.principalOf(c.req.raw.headers);
    let asked: ReturnType<typeof ask> | undefined;
    const whoIs = () => {
      asked ??= ask();
      return asked;
    };
    const path = c.req.path.slice('/trpc/'.length);
    if (subscriptionPaths.has(path)) {
      const refusal = await subscriptionRefusal(path, whoIs, c.req.query('input'));
      if (refusal) return c.json(refusal.body, refusal.status);
    }
    return fetchRequestHandler({
      endpoint: '/trpc',
      req: c.req.raw,
      router: appRouter,
      createContext: ({ resHeaders }) => ({
        db: database.db,
        metrics,
        settings: config,
        live,
        seriesCache,
        overviewCache,
        ingest,
        lookups,
        subscriptions,
        authorization: c.req.header('authorization') ?? null,
        access,
        whoIs,
        recheck: async () => access.recheck(await whoIs(), c.req.raw.headers),
        address: addressOf(c, access),
        resHeaders,
      }),
      // Internal errors are logged, with their reference, by the error formatter (trpc/init.ts).
      onError: ({ error, path }) => {
        metrics.rejected.inc({ path: procedureLabel(PROCEDURES, path), reason: rejectionReason(error.code) });
      },
    });
  });
  mountExports(app, { db: database.db, settings: config, access });
  mountImport(app, { database, access });
  app.notFound((c) =>
    c.json(errorBody('NOT_FOUND', 404, `no route ${c.req.method} ${c.req.path.slice(0, 100)}`), 404),
  );
  return { app, metrics, live, seriesCache, lookups, access, traffic, ingest, probes };
}
