import type { SetExpectationInput } from '@switchboard/contracts';
import { type Db, heartbeatExpectations, siteSystems, sites, systems } from '@switchboard/db';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { DomainError } from '../errors.ts';
import { type Actor, actorOf, audit } from './audit.ts';

const streamOf = (systemId: string, siteId: string | undefined) =>
  and(
    eq(heartbeatExpectations.systemId, systemId),
    siteId === undefined ? isNull(heartbeatExpectations.siteId) : eq(heartbeatExpectations.siteId, siteId),
  );

/** Sets (or replaces) a stream's expected period and grace. */
export async function setExpectation(db: Db, input: Actor & SetExpectationInput): Promise<void> {
  const [system] = await db.select({ id: systems.id }).from(systems).where(eq(systems.id, input.systemId));
  if (!system) throw new DomainError('unknown_reference', `systemId: unknown system ${input.systemId}`);
  if (input.siteId !== undefined) {
    const [site] = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId));
    if (!site) throw new DomainError('unknown_reference', `siteId: unknown site ${input.siteId}`);
    const [link] = await db
      .select({ siteId: siteSystems.siteId })
      .from(siteSystems)
      .where(and(eq(siteSystems.siteId, input.siteId), eq(siteSystems.systemId, input.systemId)));
    if (!link)
      throw new DomainError(
        'unknown_reference',
        `siteId: site ${input.siteId} does not depend on system ${input.systemId}`,
      );
  }
  await db.transaction(async (tx) => {
    await tx.delete(heartbeatExpectations).where(streamOf(input.systemId, input.siteId));
    await tx.insert(heartbeatExpectations).values({
      systemId: input.systemId,
      siteId: input.siteId ?? null,
      periodS: input.periodS,
      graceS: input.graceS,
    });
    await audit(tx, {
      ...actorOf(input),
      action: 'heartbeat.expect',
      subject: `${input.systemId}/${input.siteId ?? 'national'}`,
      detail: { periodS: input.periodS, graceS: input.graceS },
    });
  });
}

/** Removes a stream's expectation: it holds for HEARTBEAT_TIMEOUT_S again. */
export async function clearExpectation(
  db: Db,
  input: Actor & { systemId: string; siteId?: string | undefined },
): Promise<void> {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(heartbeatExpectations)
      .where(streamOf(input.systemId, input.siteId))
      .returning();
    if (gone.length === 0)
      throw new DomainError(
        'not_found',
        `no expectation for ${input.systemId}/${input.siteId ?? 'national'}`,
      );
    await audit(tx, {
      ...actorOf(input),
      action: 'heartbeat.clear',
      subject: `${input.systemId}/${input.siteId ?? 'national'}`,
    });
  });
}

/** Every expectation an admin set (bounded by systems × sites). */
export function listExpectations(db: Db) {
  return db
    .select()
    .from(heartbeatExpectations)
    .orderBy(asc(heartbeatExpectations.systemId), asc(heartbeatExpectations.siteId))
    .limit(20_000);
}
