import { createProbeInput, probeIdInput, probeSeriesInput, updateProbeInput } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import type { TRPCRouterRecord } from '@trpc/server';
import { allows } from '../../auth/permissions.ts';
import type { Principal } from '../../auth/principal.ts';
import { inScope, scopedSiteIds } from '../../auth/scope.ts';
import { DomainError } from '../../errors.ts';
import { getProbeSeries, probeSite } from '../../services/probes/series.ts';
import { createProbe, deleteProbe, listProbes, updateProbe } from '../../services/probes/store.ts';
import { actingAs } from '../actor.ts';
import { procedure } from '../init.ts';

/** A probe the caller may see (national, or of a site in scope); any other is "not found". */
async function ownProbe(ctx: { db: Db; principal: Principal }, id: string) {
  const probe = await probeSite(ctx.db, id);
  if (probe.siteId !== null && !inScope(ctx.principal, probe.siteId))
    throw new DomainError('not_found', `no probe with id ${id}`);
  return probe;
}

/** Probes the API runs itself (services/probes/): admins manage them; anyone may read results in scope. */
export const probesRouter = {
  /** Probes in scope; only admins see targets (a URL may carry a token in its query). */
  list: procedure.query(async ({ ctx }) => {
    const admin = allows(ctx.principal, 'admin');
    return (await listProbes(ctx.db))
      .filter((p) => p.siteId === null || inScope(ctx.principal, p.siteId))
      .map((p) => ({ ...p, target: admin ? p.target : null }));
  }),
  create: procedure.input(createProbeInput).mutation(({ ctx, input }) => {
    if (input.siteId !== undefined) scopedSiteIds(ctx.principal, [input.siteId]);
    return createProbe(ctx.db, { ...input, ...actingAs(ctx) });
  }),
  update: procedure.input(updateProbeInput).mutation(async ({ ctx, input }) => {
    await ownProbe(ctx, input.id);
    await updateProbe(ctx.db, { ...input, ...actingAs(ctx) });
    return { ok: true as const };
  }),
  delete: procedure.input(probeIdInput).mutation(async ({ ctx, input }) => {
    await ownProbe(ctx, input.id);
    await deleteProbe(ctx.db, { ...input, ...actingAs(ctx) });
    return { ok: true as const };
  }),
  /** Response time over time of one probe (its site must be in the caller's scope). */
  series: procedure.input(probeSeriesInput).query(async ({ ctx, input }) => {
    await ownProbe(ctx, input.id);
    return getProbeSeries(ctx.db, input);
  }),
} satisfies TRPCRouterRecord;
