import { createDisplayInput, idInput } from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { createDisplay, listDisplays, revokeDisplay } from '../../services/displays.ts';
import { actingAs } from '../actor.ts';
import { procedure } from '../init.ts';

/** Wallboard display tokens, managed by managers: shown once, stored hashed, revocable. */
export const displaysRouter = {
  list: procedure.query(({ ctx }) => listDisplays(ctx.db)),
  create: procedure.input(createDisplayInput).mutation(async ({ ctx, input }) => {
    const { id, token } = await createDisplay(ctx.db, { ...input, ...actingAs(ctx) });
    return {
      id,
      token,
      url: `${ctx.access.config.publicUrl}/display/claim?token=${encodeURIComponent(token)}`,
    };
  }),
  revoke: procedure.input(idInput).mutation(async ({ ctx, input }) => {
    await revokeDisplay(ctx.db, { ...input, ...actingAs(ctx) });
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
