import { overviewInput, seriesInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { getOverview } from '../../services/queries/overview.ts';
import { getSeries } from '../../services/queries/series.ts';
import { publicProcedure } from '../init.ts';

export const metricsRouter = {
  /** Every site now, with the last 60 minutes' measures and feed freshness. */
  overview: publicProcedure.input(overviewInput).query(({ ctx, input }) =>
    getOverview(ctx.db, {
      staleAfterS: input?.staleAfterS ?? ctx.settings.staleAfterS,
      heartbeatTimeoutS: ctx.settings.heartbeatTimeoutS,
    }),
  ),
  /** Measures per interval over a range, for one or more sites (none = all together). */
  series: publicProcedure
    .input(seriesInput)
    .query(({ ctx, input }) => getSeries(ctx.db, input, Date.now(), ctx.seriesCache)),
} satisfies TRPCRouterRecord;
