import type { tallyEnterInput, tallyListInput } from '@switchboard/contracts';
import { type Db, manualTallies, sites } from '@switchboard/db';
import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { audit } from '../audit.ts';
import { type Actor, assertAllSites, canSee } from './actor.ts';
import { type Publisher, publishIncidentChange } from './publish.ts';

const HOUR_MS = 3_600_000;

/**
 * Records an hour's count kept on paper. Entries are never changed: a second entry for the same site, hour
 * and measure is a correction, which replaces the figure shown and is audited with the one it replaces.
 */
export async function enterTally(
  db: Db,
  actor: Actor,
  input: z.output<typeof tallyEnterInput>,
  live?: Publisher,
) {
  assertAllSites(actor, [input.siteId]);
  const periodStart = new Date(input.hourStart);
  const result = await db.transaction(async (tx) => {
    const [site] = await tx.select({ id: sites.id }).from(sites).where(eq(sites.id, input.siteId));
    if (!site) throw new DomainError('unknown_reference', `siteId: unknown site ${input.siteId}`);
    const [previous] = await tx
      .select()
      .from(manualTallies)
      .where(
        and(
          eq(manualTallies.siteId, input.siteId),
          eq(manualTallies.periodStart, periodStart),
          eq(manualTallies.measure, input.measure),
        ),
      )
      .orderBy(desc(manualTallies.id))
      .limit(1);
    const [row] = await tx
      .insert(manualTallies)
      .values({
        siteId: input.siteId,
        incidentId: input.incidentId ?? null,
        periodStart,
        periodEnd: new Date(periodStart.getTime() + HOUR_MS),
        measure: input.measure,
        count: input.count,
        enteredBy: actor.label,
        note: input.note ?? null,
      })
      .returning({ id: manualTallies.id });
    if (!row) throw new Error('insert returned no row');
    await audit(tx, {
      actor: actor.label,
      action: previous ? 'tally.correct' : 'tally.enter',
      subject: `site:${input.siteId}`,
      detail: {
        hourStart: periodStart.toISOString(),
        measure: input.measure,
        count: input.count,
        ...(previous ? { previousCount: previous.count, previousId: previous.id } : {}),
      },
    });
    return { id: row.id, corrected: previous !== undefined };
  });
  publishIncidentChange(live, [input.siteId], periodStart);
  return result;
}

/** The current manual figures (latest entry per site, hour and measure), each flagged manual. */
export async function listTallies(db: Db, actor: Actor, input: z.output<typeof tallyListInput>) {
  const wanted = input.siteIds;
  const rows = await db
    .select()
    .from(manualTallies)
    .where(
      and(
        gte(manualTallies.periodStart, new Date(input.from)),
        lt(manualTallies.periodStart, new Date(input.to)),
        wanted ? inArray(manualTallies.siteId, wanted.length > 0 ? wanted : ['']) : undefined,
      ),
    )
    .orderBy(asc(manualTallies.periodStart), asc(manualTallies.id))
    .limit(20_000);
  const latest = new Map<string, { row: (typeof rows)[number]; entries: number }>();
  for (const row of rows) {
    if (!canSee(actor, row.siteId)) continue;
    const key = `${row.siteId}|${row.periodStart.getTime()}|${row.measure}`;
    latest.set(key, { row, entries: (latest.get(key)?.entries ?? 0) + 1 });
  }
  return [...latest.values()].map(({ row, entries }) => ({
    siteId: row.siteId,
    incidentId: row.incidentId,
    hourStart: row.periodStart.toISOString(),
    measure: row.measure,
    count: row.count,
    manual: true as const,
    corrected: entries > 1,
    enteredBy: row.enteredBy,
    enteredAt: row.enteredAt.toISOString(),
    note: row.note,
  }));
}
