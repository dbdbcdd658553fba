import { router } from './init.ts';
import { adminRouter } from './routers/admin.ts';
import { alertsRouter } from './routers/alerts.ts';
import { authRouter } from './routers/auth.ts';
import { displaysRouter } from './routers/displays.ts';
import { exportTokensRouter } from './routers/export-tokens.ts';
import { heartbeatsRouter } from './routers/heartbeats.ts';
import { incidentsRouter } from './routers/incidents.ts';
import { ingestRouter } from './routers/ingest.ts';
import { liveRouter } from './routers/live.ts';
import { maintenanceRouter } from './routers/maintenance.ts';
import { meRouter } from './routers/me.ts';
import { metricsRouter } from './routers/metrics.ts';
import { probesRouter } from './routers/probes.ts';
import { sitesRouter } from './routers/sites.ts';
import { systemsRouter } from './routers/systems.ts';
import { wallboardsRouter } from './routers/wallboards.ts';

export const appRouter = router({
  admin: router(adminRouter),
  alerts: router(alertsRouter),
  auth: router(authRouter),
  displays: router(displaysRouter),
  exportTokens: router(exportTokensRouter),
  heartbeats: router(heartbeatsRouter),
  incidents: router(incidentsRouter),
  ingest: router(ingestRouter),
  live: router(liveRouter),
  maintenance: router(maintenanceRouter),
  me: router(meRouter),
  metrics: router(metricsRouter),
  probes: router(probesRouter),
  sites: router(sitesRouter),
  systems: router(systemsRouter),
  wallboards: router(wallboardsRouter),
});

/** The API's type, the only thing the dashboard imports from here. */
export type AppRouter = typeof appRouter;
