import { setExpectationInput, streamInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { inScope } from '../../auth/scope.ts';
import { clearExpectation, listExpectations, setExpectation } from '../../services/heartbeats.ts';
import { actingAs } from '../actor.ts';
import { procedure } from '../init.ts';

/** Heartbeat expectations per (system, site) stream: how often it reports, and the grace after that. */
export const heartbeatsRouter = {
  list: procedure.query(async ({ ctx }) =>
    (await listExpectations(ctx.db)).filter((e) => e.siteId === null || inScope(ctx.principal, e.siteId)),
  ),
  set: procedure.input(setExpectationInput).mutation(async ({ ctx, input }) => {
    await setExpectation(ctx.db, { ...input, ...actingAs(ctx) });
    return { ok: true as const };
  }),
  clear: procedure.input(streamInput).mutation(async ({ ctx, input }) => {
    await clearExpectation(ctx.db, { ...input, ...actingAs(ctx) });
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
