import {
  availabilityExportInput,
  callsExportInput,
  type ExportProfile,
  incidentsExportInput,
  intervalsExportInput,
  iucAdcExportInput,
} from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import type { Context, Hono } from 'hono';
import type { z } from 'zod';
import type { Access } from '../auth/access.ts';
import { DomainError, HTTP_STATUS } from '../errors.ts';
import { availabilityExport } from './availability.ts';
import { callsExport } from './calls.ts';
import { incidentsExport } from './incidents.ts';
import { intervalsExport } from './intervals.ts';
import { iucAdcExport } from './iuc-adc.ts';
import { type ExportScope, resolveExportScope } from './scope.ts';
import { csvResponse, type ExportPlan } from './stream.ts';

export interface ExportDeps {
  db: Db;
  settings: { heartbeatTimeoutS: number };
  /** Who asks (export/scope.ts). */
  access: Access;
}

/** Every CSV export, at GET /export/<name>.csv. Handlers only validate, resolve the scope and stream. */
export function mountExports(app: Hono, deps: ExportDeps): void {
  const { db } = deps;
  app.get('/export/intervals.csv', (c) =>
    runExport(c, deps.access, intervalsExportInput, (input, scope) => intervalsExport(db, input, scope)),
  );
  app.get('/export/iuc-adc.csv', (c) =>
    runExport(c, deps.access, iucAdcExportInput, (input, scope) => iucAdcExport(db, input, scope)),
  );
  app.get('/export/availability.csv', (c) =>
    runExport(c, deps.access, availabilityExportInput, (input, scope) =>
      availabilityExport(db, input, scope, deps.settings),
    ),
  );
  app.get('/export/calls.csv', (c) =>
    runExport(c, deps.access, callsExportInput, (input, scope) => callsExport(db, input, scope)),
  );
  app.get('/export/incidents.csv', (c) =>
    runExport(c, deps.access, incidentsExportInput, (input, scope) => incidentsExport(db, input, scope)),
  );
}

/** Validates the query string, resolves who asks, builds the plan and streams it; errors as JSON. */
async function runExport<S extends z.ZodType<{ profile: ExportProfile }>>(
  c: Context,
  access: Access,
  schema: S,
  build: (input: z.output<S>, scope: ExportScope) => Promise<ExportPlan>,
): Promise<Response> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || 'query';
    const message =
      issue?.code === 'unrecognized_keys' ? `unknown parameter ${issue.keys.join(', ')}` : issue?.message;
    return c.json({ error: { code: 'BAD_REQUEST', field, message: `${field}: ${message}` } }, 400);
  }
  try {
    return await csvResponse(
      await build(parsed.data, await resolveExportScope(c, access)),
      parsed.data.profile,
    );
  } catch (error) {
    if (error instanceof DomainError)
      return c.json(
        { error: { code: error.kind.toUpperCase(), message: error.message } },
        HTTP_STATUS[error.kind],
      );
    console.error(`[export] ${c.req.path}:`, error);
    return c.json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'the export failed' } }, 500);
  }
}
