import { actorOf, type Principal } from '../auth/principal.ts';
import type { Actor } from '../services/audit.ts';

/** The acting principal and its address, as the audit log records them. */
export const actingAs = (ctx: { principal: Principal; address: string | null }): Actor => ({
  actor: actorOf(ctx.principal),
  address: ctx.address,
});
