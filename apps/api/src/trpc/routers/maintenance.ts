import { alertIdInput, createMaintenanceInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { scopedSiteIds, systemsInScope } from '../../auth/scope.ts';
import { createMaintenance, deleteMaintenance, listMaintenance } from '../../services/alerts/maintenance.ts';
import { actingAs } from '../actor.ts';
import { procedure } from '../init.ts';

/** Planned maintenance windows (UK local time): read by everyone, written by managers. */
export const maintenanceRouter = {
  /** Windows at sites in scope (a window for every site is everyone's), listing only those sites. */
  list: procedure.query(async ({ ctx }) => systemsInScope(ctx.principal, await listMaintenance(ctx.db))),
  create: procedure.input(createMaintenanceInput).mutation(({ ctx, input }) =>
    // A manager of some sites plans for those sites only ("every site" means all of theirs).
    createMaintenance(ctx.db, {
      ...input,
      siteIds: scopedSiteIds(ctx.principal, input.siteIds) ?? [],
      ...actingAs(ctx),
    }),
  ),
  delete: procedure.input(alertIdInput).mutation(async ({ ctx, input }) => {
    await deleteMaintenance(ctx.db, { ...input, ...actingAs(ctx) });
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
