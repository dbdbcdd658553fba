import type { TRPCRouterRecord } from '@trpc/server';
import { listSites } from '../../services/sites.ts';
import { publicProcedure } from '../init.ts';

export const sitesRouter = {
  list: publicProcedure.query(({ ctx }) => listSites(ctx.db)),
} satisfies TRPCRouterRecord;
