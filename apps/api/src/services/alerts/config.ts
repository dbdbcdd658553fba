import { randomBytes } from 'node:crypto';
import {
  ALERT_LIMITS,
  type CreateChannelInput,
  type CreateRuleInput,
  type UpdateRuleInput,
} from '@switchboard/contracts';
import { alertChannels, alertRules, type Db, sites, systems } from '@switchboard/db';
import { asc, count, eq, inArray } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { type Actor, actorOf, audit } from '../audit.ts';

/** Channels as people see them: a webhook's secret is shown only once, when it is created. */
export async function listChannels(db: Db) {
  const rows = await db.select().from(alertChannels).orderBy(asc(alertChannels.id));
  return rows.map(({ secret, createdBy, ...row }) => ({ ...row, signed: secret !== null }));
}

/** Creates a channel; a generic webhook gets its HMAC key here, returned once. */
export async function createChannel(
  db: Db,
  input: Actor & CreateChannelInput,
): Promise<{ id: number; secret?: string }> {
  const secret = input.kind === 'webhook' ? randomBytes(32).toString('base64url') : null;
  return db.transaction(async (tx) => {
    const [total] = await tx.select({ n: count() }).from(alertChannels);
    if ((total?.n ?? 0) >= ALERT_LIMITS.maxChannels)
      throw new DomainError(
        'conflict',
        `name: at most ${ALERT_LIMITS.maxChannels} channels; delete one first`,
      );
    const [row] = await tx
      .insert(alertChannels)
      .values({ kind: input.kind, name: input.name, target: input.target, secret, createdBy: input.actor })
      .returning({ id: alertChannels.id });
    const id = row?.id as number;
    await audit(tx, {
      ...actorOf(input),
      action: 'alert.channel.create',
      subject: String(id),
      detail: { kind: input.kind, name: input.name },
    });
    return secret ? { id, secret } : { id };
  });
}

export async function updateChannel(
  db: Db,
  input: Actor & { id: number; name?: string | undefined; enabled?: boolean | undefined },
): Promise<void> {
  await db.transaction(async (tx) => {
    const changes = {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.enabled === undefined ? {} : { enabled: input.enabled }),
    };
    const found = await tx
      .update(alertChannels)
      .set(Object.keys(changes).length ? changes : { id: input.id })
      .where(eq(alertChannels.id, input.id))
      .returning({ id: alertChannels.id });
    if (found.length === 0) throw new DomainError('not_found', `id: no channel ${input.id}`);
    await audit(tx, {
      ...actorOf(input),
      action: 'alert.channel.update',
      subject: String(input.id),
      detail: changes,
    });
  });
}

export async function deleteChannel(db: Db, input: Actor & { id: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const rules = await tx.select({ id: alertRules.id, channelIds: alertRules.channelIds }).from(alertRules);
    const using = rules.filter((rule) => rule.channelIds.includes(input.id)).map((rule) => rule.id);
    if (using.length > 0)
      throw new DomainError('conflict', `id: channel ${input.id} is used by rule ${using.join(', ')}`);
    const gone = await tx
      .delete(alertChannels)
      .where(eq(alertChannels.id, input.id))
      .returning({ name: alertChannels.name });
    if (gone.length === 0) throw new DomainError('not_found', `id: no channel ${input.id}`);
    await audit(tx, {
      ...actorOf(input),
      action: 'alert.channel.delete',
      subject: String(input.id),
      detail: { name: gone[0]?.name },
    });
  });
}

export async function listRules(db: Db) {
  const rows = await db.select().from(alertRules).orderBy(asc(alertRules.id));
  return rows.map(({ createdBy, ...row }) => row);
}

/** Refuses references to channels, sites or systems that do not exist (422 naming the field). */
async function checkReferences(
  db: Pick<Db, 'select'>,
  input: {
    channelIds?: number[] | undefined;
    siteIds?: string[] | undefined;
    systemIds?: string[] | undefined;
  },
) {
  const missing = async <T extends string | number>(
    ids: T[] | undefined,
    found: (ids: T[]) => Promise<{ id: T }[]>,
  ): Promise<T[]> => {
    const unique = [...new Set(ids ?? [])];
    if (unique.length === 0) return [];
    const have = new Set((await found(unique)).map((row) => row.id));
    return unique.filter((id) => !have.has(id));
  };
  const channels = await missing(input.channelIds, (ids) =>
    db.select({ id: alertChannels.id }).from(alertChannels).where(inArray(alertChannels.id, ids)),
  );
  if (channels.length)
    throw new DomainError('unknown_reference', `channelIds: unknown channel ${channels[0]}`);
  const siteIds = await missing(input.siteIds, (ids) =>
    db.select({ id: sites.id }).from(sites).where(inArray(sites.id, ids)),
  );
  if (siteIds.length) throw new DomainError('unknown_reference', `siteIds: unknown site "${siteIds[0]}"`);
  const systemIds = await missing(input.systemIds, (ids) =>
    db.select({ id: systems.id }).from(systems).where(inArray(systems.id, ids)),
  );
  if (systemIds.length)
    throw new DomainError('unknown_reference', `systemIds: unknown system "${systemIds[0]}"`);
}

/** Default wait before a rule fires, per kind (an incident fires at once). */
const DEFAULT_MINUTES = { system_down: 5, off_target: 15, feed_stale: 10, incident: 0, opel: 0 } as const;

export async function createRule(db: Db, input: Actor & CreateRuleInput): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const [total] = await tx.select({ n: count() }).from(alertRules);
    if ((total?.n ?? 0) >= ALERT_LIMITS.maxRules)
      throw new DomainError('conflict', `kind: at most ${ALERT_LIMITS.maxRules} rules; delete one first`);
    await checkReferences(tx, input);
    const [row] = await tx
      .insert(alertRules)
      .values({
        kind: input.kind,
        name: input.name ?? null,
        minutes: input.minutes ?? DEFAULT_MINUTES[input.kind],
        siteIds: [...new Set(input.siteIds ?? [])],
        systemIds: [...new Set(input.systemIds ?? [])],
        measure: input.kind === 'off_target' ? (input.measure ?? null) : null,
        threshold: input.kind === 'off_target' ? (input.threshold ?? null) : null,
        channelIds: [...new Set(input.channelIds)],
        repeatMinutes: input.repeatMinutes ?? null,
        enabled: input.enabled ?? true,
        createdBy: input.actor,
      })
      .returning({ id: alertRules.id });
    const id = row?.id as number;
    const { actor, address, ...detail } = input;
    await audit(tx, { ...actorOf(input), action: 'alert.rule.create', subject: String(id), detail });
    return { id };
  });
}

export async function updateRule(db: Db, input: Actor & UpdateRuleInput): Promise<void> {
  await db.transaction(async (tx) => {
    await checkReferences(tx, input);
    const { id, actor, address, ...given } = input;
    const changes = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined));
    const found = await tx
      .update(alertRules)
      .set(Object.keys(changes).length ? changes : { id })
      .where(eq(alertRules.id, id))
      .returning({ kind: alertRules.kind, measure: alertRules.measure, threshold: alertRules.threshold });
    const rule = found[0];
    if (!rule) throw new DomainError('not_found', `id: no rule ${id}`);
    if (rule.kind === 'off_target' && (rule.measure === null || rule.threshold === null))
      throw new DomainError('invalid', 'measure: an off_target rule needs a measure and a threshold');
    await audit(tx, { ...actorOf(input), action: 'alert.rule.update', subject: String(id), detail: changes });
  });
}

export async function deleteRule(db: Db, input: Actor & { id: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(alertRules)
      .where(eq(alertRules.id, input.id))
      .returning({ kind: alertRules.kind });
    if (gone.length === 0) throw new DomainError('not_found', `id: no rule ${input.id}`);
    await audit(tx, {
      ...actorOf(input),
      action: 'alert.rule.delete',
      subject: String(input.id),
      detail: { kind: gone[0]?.kind },
    });
  });
}
