import type { incidentDeclareInput } from '@switchboard/contracts';
import { type Db, incidents, incidentUpdates, sites, systems } from '@switchboard/db';
import { inArray } from 'drizzle-orm';
import type { z } from 'zod';
import { DomainError } from '../../errors.ts';
import { audit } from '../audit.ts';
import { type Actor, assertAllSites } from './actor.ts';
import { type Publisher, publishIncidentChange } from './publish.ts';

/** Declares an incident (stage `declared`), appends its first timeline entry and audits it. */
export async function declareIncident(
  db: Db,
  actor: Actor,
  input: z.output<typeof incidentDeclareInput>,
  live?: Publisher,
  now = new Date(),
): Promise<{ id: number }> {
  const siteIds = [...new Set(input.siteIds)].sort();
  const systemIds = [...new Set(input.systemIds)].sort();
  assertAllSites(actor, siteIds);
  const startedAt = new Date(input.startedAt);
  const id = await db.transaction(async (tx) => {
    const [foundSites, foundSystems] = await Promise.all([
      tx.select({ id: sites.id }).from(sites).where(inArray(sites.id, siteIds)),
      systemIds.length === 0
        ? Promise.resolve([])
        : tx.select({ id: systems.id }).from(systems).where(inArray(systems.id, systemIds)),
    ]);
    const missingSites = siteIds.filter((s) => !foundSites.some((row) => row.id === s));
    if (missingSites.length > 0)
      throw new DomainError('unknown_reference', `siteIds: unknown site(s): ${missingSites.join(', ')}`);
    const missingSystems = systemIds.filter((s) => !foundSystems.some((row) => row.id === s));
    if (missingSystems.length > 0)
      throw new DomainError(
        'unknown_reference',
        `systemIds: unknown system(s): ${missingSystems.join(', ')}`,
      );
    const [row] = await tx
      .insert(incidents)
      .values({
        type: input.type,
        eprrLevel: input.eprrLevel ?? null,
        title: input.title,
        systemIds,
        siteIds,
        startedAt,
        declaredAt: now,
        declaredBy: actor.label,
        updatedAt: now,
      })
      .returning({ id: incidents.id });
    if (!row) throw new Error('insert returned no row');
    const detail = {
      type: input.type,
      eprrLevel: input.eprrLevel ?? null,
      title: input.title,
      systemIds,
      siteIds,
      startedAt: startedAt.toISOString(),
    };
    await tx.insert(incidentUpdates).values({
      incidentId: row.id,
      at: now,
      kind: 'declared',
      stage: 'declared',
      actor: actor.label,
      detail,
    });
    await audit(tx, {
      actor: actor.label,
      action: 'incident.declare',
      subject: `incident:${row.id}`,
      detail,
    });
    return row.id;
  });
  publishIncidentChange(live, siteIds, startedAt, now);
  return { id };
}
