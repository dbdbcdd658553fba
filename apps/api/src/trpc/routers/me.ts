import type { TRPCRouterRecord } from '@trpc/server';
import { procedure } from '../init.ts';

export const meRouter = {
  /** Who the caller is: a person (name, e-mail, role, sites) or a display (name, sites). */
  get: procedure.query(({ ctx }) => {
    const p = ctx.principal;
    if (p.kind === 'user')
      return { kind: 'user' as const, name: p.name, email: p.email, role: p.role, sites: p.sites };
    if (p.kind === 'display')
      return { kind: 'display' as const, name: p.name, sites: p.sites, boardId: p.boardId ?? null };
    // Unreachable: the permission table admits only people and displays to me.get.
    throw new Error('feed keys have no profile');
  }),
} satisfies TRPCRouterRecord;
