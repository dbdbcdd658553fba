import { baselineInput, overviewInput, seriesInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { overviewInScope, scopedSiteIds } from '../../auth/scope.ts';
import { getSeriesBaseline } from '../../services/baseline/series-baseline.ts';
import { getOverview } from '../../services/queries/overview.ts';
import { getSeries } from '../../services/queries/series.ts';
import { procedure } from '../init.ts';

export const metricsRouter = {
  /** Every site in the caller's scope now, with the last 60 minutes' measures and feed freshness. */
  overview: procedure.input(overviewInput).query(async ({ ctx, input }) => {
    const staleAfterS = input?.staleAfterS ?? ctx.settings.staleAfterS;
    const overview = await ctx.overviewCache.get(staleAfterS, () =>
      getOverview(ctx.db, { staleAfterS, heartbeatTimeoutS: ctx.settings.heartbeatTimeoutS }),
    );
    return overviewInScope(ctx.principal, overview);
  }),
  /** Measures per interval over a range, for one or more sites (none = every site in scope together). */
  series: procedure
    .input(seriesInput)
    .query(({ ctx, input }) =>
      getSeries(
        ctx.db,
        { ...input, siteIds: scopedSiteIds(ctx.principal, input.siteIds) ?? [] },
        Date.now(),
        ctx.seriesCache,
      ),
    ),
  /** The normal band per bucket: median, lowest and highest of the same time 1–4 weeks before. */
  baseline: procedure
    .input(baselineInput)
    .query(({ ctx, input }) =>
      getSeriesBaseline(ctx.db, { ...input, siteIds: scopedSiteIds(ctx.principal, input.siteIds) ?? [] }),
    ),
} satisfies TRPCRouterRecord;
