import {
  alertIdInput,
  createChannelInput,
  createRuleInput,
  deliveriesInput,
  updateChannelInput,
  updateRuleInput,
} from '@switchboard/contracts';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import type { Principal } from '../../auth/principal.ts';
import { inScope, scopedSiteIds } from '../../auth/scope.ts';
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

/** Whether a rule is a principal's to see: every rule for a manager of every site; else rules of their sites only. */
const ruleInScope = (principal: Principal, rule: { siteIds: string[] }) =>
  rule.siteIds.length > 0 && rule.siteIds.every((id) => inScope(principal, id));
const seesAll = (principal: Principal) => principal.kind !== 'user' || principal.sites === 'all';

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
  listRules: procedure.query(async ({ ctx }) => {
    const rules = await listRules(ctx.db);
    return seesAll(ctx.principal) ? rules : rules.filter((rule) => ruleInScope(ctx.principal, rule));
  }),
  /** A manager of some sites writes rules for those sites only ("every site" means all of theirs). */
  createRule: procedure.input(createRuleInput).mutation(({ ctx, input }) =>
    createRule(ctx.db, {
      ...input,
      siteIds: scopedSiteIds(ctx.principal, input.siteIds) ?? [],
      ...actingAs(ctx),
    }),
  ),
  updateRule: procedure.input(updateRuleInput).mutation(async ({ ctx, input }) => {
    if (!seesAll(ctx.principal)) {
      const rule = (await listRules(ctx.db)).find((r) => r.id === input.id);
      if (rule && !ruleInScope(ctx.principal, rule))
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `id: rule ${input.id} covers sites outside your scope`,
        });
    }
    const siteIds =
      input.siteIds === undefined ? undefined : (scopedSiteIds(ctx.principal, input.siteIds) ?? []);
    await updateRule(ctx.db, { ...input, siteIds, ...actingAs(ctx) });
    return ok;
  }),
  deleteRule: procedure.input(alertIdInput).mutation(async ({ ctx, input }) => {
    if (!seesAll(ctx.principal)) {
      const rule = (await listRules(ctx.db)).find((r) => r.id === input.id);
      if (rule && !ruleInScope(ctx.principal, rule))
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `id: rule ${input.id} covers sites outside your scope`,
        });
    }
    await deleteRule(ctx.db, { ...input, ...actingAs(ctx) });
    return ok;
  }),
  firing: procedure.query(async ({ ctx }) => {
    const firing = await listFiring(ctx.db);
    if (seesAll(ctx.principal)) return firing;
    const mine = new Set(
      (await listRules(ctx.db)).filter((r) => ruleInScope(ctx.principal, r)).map((r) => r.id),
    );
    return firing.filter((alert) => mine.has(alert.ruleId));
  }),
  deliveries: procedure.input(deliveriesInput).query(async ({ ctx, input }) => {
    const log = await listDeliveries(ctx.db, input);
    if (seesAll(ctx.principal)) return log;
    // A manager of some sites sees deliveries of their rules and tests (a page may then hold fewer entries).
    const mine = new Set(
      (await listRules(ctx.db)).filter((r) => ruleInScope(ctx.principal, r)).map((r) => r.id),
    );
    return { ...log, entries: log.entries.filter((e) => e.ruleId === null || mine.has(e.ruleId)) };
  }),
} satisfies TRPCRouterRecord;
