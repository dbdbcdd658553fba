import {
  alertIdInput,
  createChannelInput,
  createRuleInput,
  deliveriesInput,
  updateChannelInput,
  updateRuleInput,
} from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import {
  createChannel,
  createRule,
  deleteChannel,
  deleteRule,
  listChannels,
  listRules,
  updateChannel,
  updateRule,
} from '../../services/alerts/config.ts';
import { listDeliveries, listFiring, testChannel } from '../../services/alerts/log.ts';
import { actingAs } from '../actor.ts';
import { procedure } from '../init.ts';

const ok = { ok: true as const };

/** Alert channels, rules and the delivery log (managers and admins). */
export const alertsRouter = {
  listChannels: procedure.query(({ ctx }) => listChannels(ctx.db)),
  createChannel: procedure
    .input(createChannelInput)
    .mutation(({ ctx, input }) => createChannel(ctx.db, { ...input, ...actingAs(ctx) })),
  updateChannel: procedure.input(updateChannelInput).mutation(async ({ ctx, input }) => {
    await updateChannel(ctx.db, { ...input, ...actingAs(ctx) });
    return ok;
  }),
  deleteChannel: procedure.input(alertIdInput).mutation(async ({ ctx, input }) => {
    await deleteChannel(ctx.db, { ...input, ...actingAs(ctx) });
    return ok;
  }),
  /** Sends a test message now (one attempt, logged). */
  testChannel: procedure.input(alertIdInput).mutation(({ ctx, input }) =>
    testChannel(ctx.db, {
      ...input,
      ...actingAs(ctx),
      publicUrl: ctx.access.config.publicUrl,
      delivery: ctx.settings.alertDelivery ?? {},
    }),
  ),
  listRules: procedure.query(({ ctx }) => listRules(ctx.db)),
  createRule: procedure
    .input(createRuleInput)
    .mutation(({ ctx, input }) => createRule(ctx.db, { ...input, ...actingAs(ctx) })),
  updateRule: procedure.input(updateRuleInput).mutation(async ({ ctx, input }) => {
    await updateRule(ctx.db, { ...input, ...actingAs(ctx) });
    return ok;
  }),
  deleteRule: procedure.input(alertIdInput).mutation(async ({ ctx, input }) => {
    await deleteRule(ctx.db, { ...input, ...actingAs(ctx) });
    return ok;
  }),
  firing: procedure.query(({ ctx }) => listFiring(ctx.db)),
  deliveries: procedure.input(deliveriesInput).query(({ ctx, input }) => listDeliveries(ctx.db, input)),
} satisfies TRPCRouterRecord;
