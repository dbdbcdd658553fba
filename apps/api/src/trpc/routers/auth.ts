import type { TRPCRouterRecord } from '@trpc/server';
import { publicProcedure } from '../init.ts';

export const authRouter = {
  /** What the sign-in page offers: single sign-on (its provider id and button label) when configured. */
  options: publicProcedure.query(({ ctx }) => {
    const sso = ctx.access.config.sso;
    return { sso: sso ? { providerId: sso.providerId, label: sso.label } : null };
  }),
} satisfies TRPCRouterRecord;
