import { createExportTokenInput, idInput } from '@switchboard/contracts';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import type { Principal } from '../../auth/principal.ts';
import { createExportToken, listExportTokens, revokeExportToken } from '../../services/export-tokens.ts';
import { actingAs } from '../actor.ts';
import { procedure } from '../init.ts';

/** The signed-in person (the `export` permission admits no display or key, so this only narrows the type). */
function person(principal: Principal) {
  if (principal.kind !== 'user')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'export tokens belong to people' });
  return principal;
}

/** Whose tokens a caller sees and may revoke: an admin everyone's (null), anyone else their own. */
const ownerFilter = (principal: Principal) => {
  const user = person(principal);
  return user.role === 'admin' ? null : user.userId;
};

/** Read-only tokens for the CSV exports (Power Query, scripts): shown once, stored hashed, revocable. */
export const exportTokensRouter = {
  list: procedure.query(({ ctx }) => listExportTokens(ctx.db, ownerFilter(ctx.principal))),
  create: procedure.input(createExportTokenInput).mutation(async ({ ctx, input }) => {
    const user = person(ctx.principal);
    return createExportToken(ctx.db, {
      ...actingAs(ctx),
      owner: { userId: user.userId, role: user.role, sites: user.sites },
      name: input.name,
      sites: input.sites,
    });
  }),
  revoke: procedure.input(idInput).mutation(async ({ ctx, input }) => {
    await revokeExportToken(ctx.db, { ...actingAs(ctx), id: input.id, ownerId: ownerFilter(ctx.principal) });
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
