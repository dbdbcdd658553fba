import { randomBytes } from 'node:crypto';
import {
  type CreateProbeInput,
  PROBE_LIMITS,
  probeTargetRules,
  type UpdateProbeInput,
} from '@switchboard/contracts';
import { type Db, type Probe, probes, rowsOf, siteSystems, sites, systems } from '@switchboard/db';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { type Actor, actorOf, audit } from '../audit.ts';

/** What an admin sees of a probe (the lease columns are the scheduler's business), with its last result. */
export interface ProbeView {
  id: string;
  systemId: string;
  siteId: string | null;
  kind: Probe['kind'];
  target: string;
  component: string | null;
  expectStatus: number | null;
  expectKeyword: string | null;
  expectJsonPath: string | null;
  expectJsonValue: string | null;
  degradedMs: number | null;
  intervalS: number;
  timeoutMs: number;
  retries: number;
  enabled: boolean;
  lastRunAt: string | null;
  last: { at: string; status: string; detail: string | null; responseMs: number | null } | null;
}

const definition = (p: Probe) => ({
  target: p.target,
  component: p.component,
  expectStatus: p.expectStatus,
  expectKeyword: p.expectKeyword,
  expectJsonPath: p.expectJsonPath,
  expectJsonValue: p.expectJsonValue,
  degradedMs: p.degradedMs,
  intervalS: p.intervalS,
  timeoutMs: p.timeoutMs,
  retries: p.retries,
  enabled: p.enabled,
});

async function checkReferences(db: Db, systemId: string, siteId: string | undefined) {
  const [system] = await db.select({ id: systems.id }).from(systems).where(eq(systems.id, systemId));
  if (!system) throw new DomainError('unknown_reference', `systemId: unknown system ${systemId}`);
  if (siteId === undefined) return;
  const [site] = await db.select({ id: sites.id }).from(sites).where(eq(sites.id, siteId));
  if (!site) throw new DomainError('unknown_reference', `siteId: unknown site ${siteId}`);
  const [link] = await db
    .select({ siteId: siteSystems.siteId })
    .from(siteSystems)
    .where(and(eq(siteSystems.siteId, siteId), eq(siteSystems.systemId, systemId)));
  if (!link)
    throw new DomainError(
      'unknown_reference',
      `siteId: site ${siteId} does not depend on system ${systemId}`,
    );
}

/** Adds a probe (at most PROBE_LIMITS.maxProbes in all); it is due at once. */
export async function createProbe(db: Db, input: Actor & CreateProbeInput): Promise<{ id: string }> {
  await checkReferences(db, input.systemId, input.siteId);
  const id = `pr_${randomBytes(5).toString('hex')}`;
  await db.transaction(async (tx) => {
    const [row] = await tx.select({ n: count() }).from(probes);
    if (Number(row?.n) >= PROBE_LIMITS.maxProbes)
      throw new DomainError('conflict', `at most ${PROBE_LIMITS.maxProbes} probes: delete one first`);
    const [created] = await tx
      .insert(probes)
      .values({
        id,
        systemId: input.systemId,
        siteId: input.siteId ?? null,
        kind: input.kind,
        target: input.target,
        component: input.component ?? null,
        expectStatus: input.expectStatus ?? null,
        expectKeyword: input.expectKeyword ?? null,
        expectJsonPath: input.expectJsonPath ?? null,
        expectJsonValue: input.expectJsonValue ?? null,
        degradedMs: input.degradedMs ?? null,
        intervalS: input.intervalS,
        timeoutMs: input.timeoutMs,
        retries: input.retries,
        enabled: input.enabled ?? true,
        createdBy: input.actor,
      })
      .returning();
    if (!created) throw new Error('probe insert returned nothing');
    await audit(tx, {
      ...actorOf(input),
      action: 'probe.create',
      subject: id,
      detail: { systemId: input.systemId, siteId: input.siteId, kind: input.kind, ...definition(created) },
    });
  });
  return { id };
}

/** Changes a probe; the rules between fields are checked on the result. A changed probe is due at once. */
export async function updateProbe(db: Db, input: Actor & UpdateProbeInput): Promise<void> {
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(probes).where(eq(probes.id, input.id)).for('update');
    if (!current) throw new DomainError('not_found', `no probe with id ${input.id}`);
    const { id, actor, address, ...changes } = input;
    const next = { ...current };
    for (const [field, value] of Object.entries(changes))
      if (value !== undefined) (next as Record<string, unknown>)[field] = value;
    const checked = probeTargetRules.safeParse({
      kind: next.kind,
      target: next.target,
      component: next.component ?? undefined,
      expectJsonPath: next.expectJsonPath ?? undefined,
      expectJsonValue: next.expectJsonValue ?? undefined,
    });
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new DomainError('invalid', `${issue?.path.join('.') ?? 'probe'}: ${issue?.message ?? 'invalid'}`);
    }
    await tx
      .update(probes)
      .set({ ...definition(next), leaseUntil: null, leaseOwner: null })
      .where(eq(probes.id, id));
    await audit(tx, {
      ...actorOf({ actor, address }),
      action: 'probe.update',
      subject: id,
      detail: { before: definition(current), after: definition(next) },
    });
  });
}

export async function deleteProbe(db: Db, input: Actor & { id: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(probes).where(eq(probes.id, input.id)).returning();
    const [gone] = deleted;
    if (!gone) throw new DomainError('not_found', `no probe with id ${input.id}`);
    await audit(tx, {
      ...actorOf(input),
      action: 'probe.delete',
      subject: input.id,
      detail: { systemId: gone.systemId, siteId: gone.siteId, kind: gone.kind, target: gone.target },
    });
  });
}

type LastRow = {
  key_id: string;
  at: string;
  status: string;
  detail: string | null;
  response_ms: number | null;
};

/** Every probe (at most PROBE_LIMITS.maxProbes), with its last stored result. */
export async function listProbes(db: Db): Promise<ProbeView[]> {
  const rows = await db
    .select()
    .from(probes)
    .orderBy(asc(probes.systemId), asc(probes.siteId), asc(probes.id));
  const last = await rowsOf<LastRow>(
    db,
    sql`select p.id as key_id, l.at, l.status, l.detail, l.response_ms from probes p
      cross join lateral (
        select to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, r.status, r.detail,
          r.response_ms
        from system_status r
        where r.system_id = p.system_id and coalesce(r.site_id, '') = coalesce(p.site_id, '')
          and r.source = 'probe' and r.key_id = ${PROBE_KEY_PREFIX} || p.id
        order by r.at desc limit 1
      ) l`,
  );
  const byId = new Map(last.map((r) => [r.key_id, r]));
  return rows.map((p) => {
    const l = byId.get(p.id);
    return {
      id: p.id,
      systemId: p.systemId,
      siteId: p.siteId,
      kind: p.kind,
      ...definition(p),
      lastRunAt: p.lastRunAt?.toISOString() ?? null,
      last: l
        ? {
            at: l.at,
            status: l.status,
            detail: l.detail,
            responseMs: l.response_ms === null ? null : Number(l.response_ms),
          }
        : null,
    };
  });
}

/** The key id a probe's reports are stored under: `probe:<id>`. */
export const PROBE_KEY_PREFIX = 'probe:';
