import { alertChannels, alertDeliveries, alertStates, type Db } from '@switchboard/db';
import { and, desc, eq, isNull, lt } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { type Actor, actorOf, audit } from '../audit.ts';
import { type DeliveryOptions, deliver } from './deliver.ts';
import { describeAlert, namesFor } from './wording.ts';

/** The delivery log, newest first, at most `limit` a page; `next` pages on. */
export async function listDeliveries(
  db: Db,
  input: { limit: number; before?: number | undefined; failedOnly?: boolean | undefined },
) {
  const rows = await db
    .select({
      id: alertDeliveries.id,
      at: alertDeliveries.at,
      ruleId: alertDeliveries.ruleId,
      channelId: alertDeliveries.channelId,
      channelName: alertChannels.name,
      subject: alertDeliveries.subject,
      state: alertDeliveries.state,
      attempt: alertDeliveries.attempt,
      status: alertDeliveries.status,
      error: alertDeliveries.error,
    })
    .from(alertDeliveries)
    .leftJoin(alertChannels, eq(alertChannels.id, alertDeliveries.channelId))
    .where(
      and(
        input.before ? lt(alertDeliveries.id, input.before) : undefined,
        input.failedOnly ? eq(alertDeliveries.status, 'failed') : undefined,
      ),
    )
    .orderBy(desc(alertDeliveries.id))
    .limit(input.limit + 1);
  const kept = rows.slice(0, input.limit);
  const names = await namesFor(db, kept);
  const page = kept.map((row) => ({
    ...row,
    at: row.at.toISOString(),
    /** The alert in words, or null for a test message. */
    description:
      row.ruleId === null || row.subject === null
        ? null
        : describeAlert(names, { ruleId: row.ruleId, subject: row.subject }),
  }));
  return { entries: page, next: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null };
}

/** Alerts firing now (not yet resolved), for the admin page, each with its description in words. */
export async function listFiring(db: Db) {
  const rows = await db
    .select()
    .from(alertStates)
    .where(isNull(alertStates.resolvedAt))
    .orderBy(desc(alertStates.since))
    .limit(500);
  const names = await namesFor(db, rows);
  return rows.map((row) => ({
    ruleId: row.ruleId,
    subject: row.subject,
    description: describeAlert(names, row),
    siteId: row.siteId,
    systemId: row.systemId,
    since: row.since.toISOString(),
    lastSentAt: row.lastSentAt.toISOString(),
  }));
}

/** "Send test": one attempt, logged as state `test`; answers whether it got through and why not. */
export async function testChannel(
  db: Db,
  input: Actor & { id: number; publicUrl: string; delivery: DeliveryOptions },
): Promise<{ ok: boolean; error: string | null }> {
  const [channel] = await db.select().from(alertChannels).where(eq(alertChannels.id, input.id));
  if (!channel) throw new DomainError('not_found', `id: no channel ${input.id}`);
  const result = await deliver(
    db,
    channel,
    {
      rule: { id: 0, kind: 'system_down', name: 'Test message' },
      state: 'test',
      subject: 'test',
      siteId: null,
      systemId: null,
      measure: null,
      since: null,
      summary: `Test message from Switchboard to "${channel.name}"`,
      url: input.publicUrl,
      sentAt: new Date().toISOString(),
    },
    { ...input.delivery, backoffMs: [] },
  );
  await audit(db, {
    ...actorOf(input),
    action: 'alert.channel.test',
    subject: String(input.id),
    detail: { ok: result.ok },
  });
  return { ok: result.ok, error: result.ok ? null : (result.error ?? 'failed') };
}
