import { ALERT_LIMITS, type CreateMaintenanceInput } from '@switchboard/contracts';
import { type Db, maintenanceWindows, sites, systems } from '@switchboard/db';
import type { MaintenanceRule } from '@switchboard/metrics';
import { asc, count, eq, inArray } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { type Actor, actorOf, audit } from '../audit.ts';

export async function listMaintenance(db: Db) {
  const rows = await db.select().from(maintenanceWindows).orderBy(asc(maintenanceWindows.id));
  return rows.map(({ createdBy, ...row }) => ({ ...row, createdBy }));
}

export async function createMaintenance(
  db: Db,
  input: Actor & CreateMaintenanceInput,
): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const [total] = await tx.select({ n: count() }).from(maintenanceWindows);
    if ((total?.n ?? 0) >= ALERT_LIMITS.maxMaintenanceWindows)
      throw new DomainError(
        'conflict',
        `systemId: at most ${ALERT_LIMITS.maxMaintenanceWindows} maintenance windows; delete old ones first`,
      );
    const [system] = await tx.select({ id: systems.id }).from(systems).where(eq(systems.id, input.systemId));
    if (!system) throw new DomainError('unknown_reference', `systemId: unknown system "${input.systemId}"`);
    const siteIds = [...new Set(input.siteIds)];
    if (siteIds.length) {
      const found = new Set(
        (await tx.select({ id: sites.id }).from(sites).where(inArray(sites.id, siteIds))).map((s) => s.id),
      );
      const unknown = siteIds.find((id) => !found.has(id));
      if (unknown) throw new DomainError('unknown_reference', `siteIds: unknown site "${unknown}"`);
    }
    const [row] = await tx
      .insert(maintenanceWindows)
      .values({
        systemId: input.systemId,
        siteIds,
        date: input.date ?? null,
        weekday: input.weekday ?? null,
        startTime: input.startTime,
        endTime: input.endTime,
        note: input.note ?? null,
        createdBy: input.actor,
      })
      .returning({ id: maintenanceWindows.id });
    const id = row?.id as number;
    const { actor, address, ...detail } = input;
    await audit(tx, { ...actorOf(input), action: 'maintenance.create', subject: String(id), detail });
    return { id };
  });
}

export async function deleteMaintenance(db: Db, input: Actor & { id: number }): Promise<void> {
  await db.transaction(async (tx) => {
    const gone = await tx
      .delete(maintenanceWindows)
      .where(eq(maintenanceWindows.id, input.id))
      .returning({ systemId: maintenanceWindows.systemId });
    if (gone.length === 0) throw new DomainError('not_found', `id: no maintenance window ${input.id}`);
    await audit(tx, {
      ...actorOf(input),
      action: 'maintenance.delete',
      subject: String(input.id),
      detail: { systemId: gone[0]?.systemId },
    });
  });
}

/** The maintenance rules that apply to a system at a site (a window with no sites applies at every site). */
export type MaintenanceIndex = (systemId: string, siteId: string | null) => MaintenanceRule[];

/** Every window, indexed for lookups by system and site. */
export async function maintenanceIndex(db: Db): Promise<MaintenanceIndex> {
  const rows = await db.select().from(maintenanceWindows).limit(ALERT_LIMITS.maxMaintenanceWindows);
  return (systemId, siteId) =>
    rows.filter(
      (row) =>
        row.systemId === systemId &&
        (row.siteIds.length === 0 || (siteId !== null && row.siteIds.includes(siteId))),
    );
}
