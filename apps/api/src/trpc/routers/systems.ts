import { availabilityInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { scopedSiteIds, systemsInScope } from '../../auth/scope.ts';
import { getAvailability } from '../../services/queries/availability.ts';
import { listSystems } from '../../services/systems.ts';
import { procedure } from '../init.ts';

export const systemsRouter = {
  list: procedure.query(async ({ ctx }) => systemsInScope(ctx.principal, await listSystems(ctx.db))),
  /** Status intervals and availability % per system and site (in scope) over a range. */
  availability: procedure
    .input(availabilityInput)
    .query(({ ctx, input }) =>
      getAvailability(
        ctx.db,
        { ...input, siteIds: scopedSiteIds(ctx.principal, input.siteIds) },
        { heartbeatTimeoutS: ctx.settings.heartbeatTimeoutS },
      ),
    ),
} satisfies TRPCRouterRecord;
