import type { Backend } from '@switchboard/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createEvaluator, type EvaluatorOptions } from '../src/services/alerts/evaluator.ts';
import { startSmtpServer, startWebhookReceiver } from './alert-receivers.ts';
import { dataOf, startTestApi, type TestApi } from './harness.ts';

export const MINUTE = 60_000;
/** A fixed past morning (GMT) as the fake clock's origin: reports may be in the past. */
export const T0 = Date.parse('2026-11-02T09:00:00Z');
export const iso = (ms: number) => new Date(ms).toISOString();

export interface AlertsFixture {
  api: TestApi;
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  /** Three channels every test may use: a signed webhook, e-mail and Teams (both to the local receivers). */
  webhook: { id: number; secret: string };
  email: { id: number };
  teams: { id: number };
}

/**
 * An API on `backend` with a webhook receiver, an SMTP server and three channels, set up once per file;
 * each test's rules are switched off after it (an "up" probe result expires into unknown, which a later
 * evaluation would alert on). Returns the fixture (filled in before the first test) and helpers.
 */
export function useAlertsFixture(backend: Backend) {
  const f = {} as AlertsFixture;
  const asManager = () => ({ key: null, headers: f.api.as.manager });
  const status = (systemId: string, siteId: string, s: 'up' | 'down', at: number) =>
    f.api.post('ingest.systemStatus', {
      statuses: [{ systemId, siteId, status: s, at: iso(at), source: 'probe' }],
    });
  const evaluatorAt = (
    clock: { now: number },
    db = f.api.database.db,
    extra: Partial<EvaluatorOptions> = {},
  ) =>
    createEvaluator(db, {
      publicUrl: 'https://switchboard.example.nhs.uk',
      heartbeatTimeoutS: 90,
      staleAfterS: 120,
      now: () => clock.now,
      delivery: { smtpUrl: f.smtp.url, backoffMs: [1, 1], timeoutMs: 5_000 },
      ...extra,
    });
  const run = async (evaluator: ReturnType<typeof createEvaluator>) => {
    const { delivered } = await evaluator.runOnce();
    await delivered;
  };
  const hooks = (path: string) => f.receiver.received.filter((r) => r.path === path);
  const channel = (kind: string, name: string, target: string) =>
    f.api.post('alerts.createChannel', { kind, name, target }, asManager());

  beforeAll(async () => {
    f.api = await startTestApi(backend);
    f.receiver = await startWebhookReceiver();
    f.smtp = await startSmtpServer();
    f.webhook = dataOf(await channel('webhook', 'On-call', `${f.receiver.url}/hook`));
    f.email = dataOf(await channel('email', 'Service desk', 'desk@trust.nhs.net'));
    f.teams = dataOf(await channel('teams', 'Ops channel', `${f.receiver.url}/teams`));
  });
  afterEach(async () => {
    await f.api.database.db.execute(sql`update alert_rules set enabled = false`);
  });
  afterAll(async () => {
    await f.receiver?.stop();
    await f.smtp?.stop();
    await f.api?.stop();
  });
  return { f, asManager, status, evaluatorAt, run, hooks };
}
