import type { TRPCRouterRecord } from '@trpc/server';
import { listSystems } from '../../services/systems.ts';
import { publicProcedure } from '../init.ts';

export const systemsRouter = {
  list: publicProcedure.query(({ ctx }) => listSystems(ctx.db)),
} satisfies TRPCRouterRecord;
