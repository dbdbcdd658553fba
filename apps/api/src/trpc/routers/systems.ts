import { availabilityInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { getAvailability } from '../../services/queries/availability.ts';
import { listSystems } from '../../services/systems.ts';
import { publicProcedure } from '../init.ts';

export const systemsRouter = {
  list: publicProcedure.query(({ ctx }) => listSystems(ctx.db)),
  /** Status intervals and availability % per system and site over a range. */
  availability: publicProcedure
    .input(availabilityInput)
    .query(({ ctx, input }) =>
      getAvailability(ctx.db, input, { heartbeatTimeoutS: ctx.settings.heartbeatTimeoutS }),
    ),
} satisfies TRPCRouterRecord;
