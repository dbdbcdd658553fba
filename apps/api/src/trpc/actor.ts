import { actorOf, type Principal, sitesOf } from '../auth/principal.ts';
import type { Actor } from '../services/audit.ts';
import type { Actor as ScopedActor } from '../services/incidents/actor.ts';

/** The acting principal and its address, as the audit log records them. */
export const actingAs = (ctx: { principal: Principal; address: string | null }): Actor => ({
  actor: actorOf(ctx.principal),
  address: ctx.address,
});

/** The acting principal as the incident services see it: who (for the timeline and audit) and which sites. */
export const scopedActor = (ctx: { principal: Principal }): ScopedActor => ({
  label: actorOf(ctx.principal),
  sites: sitesOf(ctx.principal),
});
