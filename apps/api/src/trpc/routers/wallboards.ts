import {
  wallboardCreateInput,
  wallboardFiguresInput,
  wallboardIdInput,
  wallboardUpdateInput,
} from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import {
  createBoard,
  deleteBoard,
  getBoard,
  listBoards,
  updateBoard,
} from '../../services/wallboards/boards.ts';
import { getBoardFigures } from '../../services/wallboards/figures.ts';
import { actingAs } from '../actor.ts';
import { procedure } from '../init.ts';

/** Wallboard layouts (boards), stored on the server: managers edit them, displays and people read them. */
export const wallboardsRouter = {
  // ACCESS: operate
  list: procedure.query(({ ctx }) => listBoards(ctx.db, ctx.principal)),
  // ACCESS: read (a display: its own board; a person: boards within scope)
  get: procedure.input(wallboardIdInput).query(({ ctx, input }) => getBoard(ctx.db, ctx.principal, input.id)),
  // ACCESS: read (as get): what the board shows, in one call
  figures: procedure.input(wallboardFiguresInput).query(async ({ ctx, input }) =>
    getBoardFigures(ctx.db, await getBoard(ctx.db, ctx.principal, input.id), {
      staleAfterS: ctx.settings.staleAfterS,
      heartbeatTimeoutS: ctx.settings.heartbeatTimeoutS,
    }),
  ),
  // ACCESS: operate
  create: procedure
    .input(wallboardCreateInput)
    .mutation(({ ctx, input }) => createBoard(ctx.db, ctx.principal, { ...input, ...actingAs(ctx) })),
  // ACCESS: operate
  update: procedure
    .input(wallboardUpdateInput)
    .mutation(({ ctx, input }) => updateBoard(ctx.db, ctx.principal, { ...input, ...actingAs(ctx) })),
  // ACCESS: operate
  delete: procedure.input(wallboardIdInput).mutation(async ({ ctx, input }) => {
    await deleteBoard(ctx.db, ctx.principal, { ...input, ...actingAs(ctx) });
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
