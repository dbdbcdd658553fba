import {
  createDisplayInput,
  displayAssignInput,
  displayHeartbeatInput,
  idInput,
  pairingApproveInput,
  pairingClaimInput,
  pairingStartInput,
} from '@switchboard/contracts';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import {
  assignBoard,
  createDisplay,
  listDisplays,
  recordHeartbeat,
  requestReload,
  revokeDisplay,
} from '../../services/displays.ts';
import { getBoard } from '../../services/wallboards/boards.ts';
import { approvePairing, claimPairing, startPairing } from '../../services/wallboards/pairing.ts';
import { actingAs } from '../actor.ts';
import { procedure, publicProcedure } from '../init.ts';

type Limited = { consume(key: string): Promise<{ retryAfterS: number } | null> };
async function throttle(limit: Limited, ctx: { address: string | null; resHeaders: Headers }) {
  const limited = await limit.consume(ctx.address ?? 'unknown');
  if (!limited) return;
  ctx.resHeaders.set('retry-after', String(limited.retryAfterS));
  throw new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message: `too many pairing requests from this address: wait ${limited.retryAfterS} s`,
  });
}

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
  // ACCESS: operate — remote reload at the screen's next heartbeat
  reload: procedure.input(idInput).mutation(async ({ ctx, input }) => {
    await requestReload(ctx.db, { ...input, ...actingAs(ctx) });
    return { ok: true as const };
  }),
  // ACCESS: operate — show another board
  assign: procedure.input(displayAssignInput).mutation(async ({ ctx, input }) => {
    const board = await getBoard(ctx.db, ctx.principal, input.boardId);
    await assignBoard(ctx.db, { ...input, sites: board.sites, ...actingAs(ctx) });
    return { ok: true as const };
  }),
  // ACCESS: read, displays only — the screen reports itself; answers its board and a pending reload
  heartbeat: procedure.input(displayHeartbeatInput).mutation(({ ctx, input }) => {
    if (ctx.principal.kind !== 'display')
      throw new TRPCError({ code: 'FORBIDDEN', message: 'only a display sends heartbeats' });
    return recordHeartbeat(ctx.db, ctx.principal.displayId, input);
  }),
  pairing: {
    // ACCESS: public, rate-limited per address — a TV asks for a code to show
    start: publicProcedure.input(pairingStartInput).mutation(async ({ ctx }) => {
      await throttle(ctx.access.limits.pairingStart, ctx);
      return startPairing(ctx.db, ctx.address);
    }),
    // ACCESS: public, rate-limited — the TV asks (with its secret) whether its code was approved
    claim: publicProcedure.input(pairingClaimInput).mutation(async ({ ctx, input }) => {
      await throttle(ctx.access.limits.pairingClaim, ctx);
      return claimPairing(ctx.db, input.secret);
    }),
    // ACCESS: operate — a manager approves a code, choosing the board
    approve: procedure
      .input(pairingApproveInput)
      .mutation(({ ctx, input }) => approvePairing(ctx.db, ctx.principal, { ...input, ...actingAs(ctx) })),
  },
} satisfies TRPCRouterRecord;
