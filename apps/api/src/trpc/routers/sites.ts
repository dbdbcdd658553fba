import type { TRPCRouterRecord } from '@trpc/server';
import { sitesInScope } from '../../auth/scope.ts';
import { listSites } from '../../services/sites.ts';
import { procedure } from '../init.ts';

export const sitesRouter = {
  list: procedure.query(async ({ ctx }) => sitesInScope(ctx.principal, await listSites(ctx.db))),
} satisfies TRPCRouterRecord;
