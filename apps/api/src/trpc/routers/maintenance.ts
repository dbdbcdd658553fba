import { alertIdInput, createMaintenanceInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { createMaintenance, deleteMaintenance, listMaintenance } from '../../services/alerts/maintenance.ts';
import { actingAs } from '../actor.ts';
import { procedure } from '../init.ts';

/** Planned maintenance windows (UK local time): read by everyone, written by managers. */
export const maintenanceRouter = {
  list: procedure.query(({ ctx }) => listMaintenance(ctx.db)),
  create: procedure
    .input(createMaintenanceInput)
    .mutation(({ ctx, input }) => createMaintenance(ctx.db, { ...input, ...actingAs(ctx) })),
  delete: procedure.input(alertIdInput).mutation(async ({ ctx, input }) => {
    await deleteMaintenance(ctx.db, { ...input, ...actingAs(ctx) });
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
