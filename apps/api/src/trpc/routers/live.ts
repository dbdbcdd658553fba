import { liveInput } from '@switchboard/contracts';
import { TRPCError, type TRPCRouterRecord, tracked } from '@trpc/server';
import { sitesOf } from '../../auth/principal.ts';
import { scopedSiteIds } from '../../auth/scope.ts';
import { isDatabaseUnavailable } from '../../errors.ts';
import { catchUpChange } from '../../live/change.ts';
import { LiveFeed, subscriberWindowMs } from '../../live/feed.ts';
import { procedure } from '../init.ts';

/** How often a live stream asks again who its subscriber is (a revoked one's stream ends within 5 s). */
export const PRINCIPAL_RECHECK_MS = 2_000;

const boot = Date.now().toString(36);
let sequence = 0;
/** A fresh id per message; ids only tell a reconnecting client apart from a new one. */
const nextEventId = () => `${boot}-${(++sequence).toString(36)}`;

export const liveRouter = {
  /**
   * `live.changes` (SSE, `httpSubscriptionLink`): after each committed ingest, which sites, streams and
   * instants changed (`LiveChange`; an empty `siteIds` means any site), at most one message per 250–375 ms per
   * subscriber, only for `siteIds` when given and only for sites in the subscriber's scope. Every instance's changes reach every instance's subscribers.
   *
   * Resuming: missed changes are not kept. A client that reconnects with a `lastEventId` (the link sends the
   * id of the last message it saw) first gets one catch-up change covering all sites, every stream and every
   * instant, meaning "something may have changed": it refetches what it shows, then live changes follow.
   * A new client should subscribe before its first fetch so that nothing falls between the two.
   */
  changes: procedure.input(liveInput).subscription(async function* ({ ctx, input, signal }) {
    if (ctx.subscriptions.open >= ctx.settings.maxSubscribers) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `this API instance serves at most ${ctx.settings.maxSubscribers} live subscriptions; try again later`,
      });
    }
    const siteIds = scopedSiteIds(ctx.principal, input?.siteIds);
    ctx.subscriptions.open += 1;
    const feed = new LiveFeed({ siteIds, windowMs: subscriberWindowMs() });
    const stop = ctx.live.subscribe((change) => feed.push(change));
    // The principal is asked again every PRINCIPAL_RECHECK_MS (one check at a time): a signed-out, disabled
    // or revoked caller's stream ends with an error saying why; a changed scope ends it too (the client
    // reconnects with its new scope); while the database is away the stream stays as it is.
    const ended = new AbortController();
    const end = () => ended.abort();
    signal?.addEventListener('abort', end, { once: true });
    let reason: string | undefined;
    let checking = false;
    const sitesNow = JSON.stringify(sitesOf(ctx.principal));
    const recheck = setInterval(() => {
      if (checking) return;
      checking = true;
      void ctx
        .recheck()
        // The database away (a restart, a failover) says nothing about the caller: the stream stays open and
        // the next check asks again. Any other failure ends it, as a revocation does.
        .catch((error: unknown) => (isDatabaseUnavailable(error) ? ctx.principal : null))
        .then((now) => {
          if (!now) reason = 'signed out, disabled or revoked';
          else if (JSON.stringify(sitesOf(now)) !== sitesNow) reason = 'access changed: reconnect';
          if (reason) ended.abort();
        })
        .finally(() => {
          checking = false;
        });
    }, PRINCIPAL_RECHECK_MS);
    try {
      if (input?.lastEventId) feed.push(catchUpChange());
      while (true) {
        const change = await feed.next(ended.signal);
        if (!change) {
          if (reason) throw new TRPCError({ code: 'UNAUTHORIZED', message: `live stream ended: ${reason}` });
          return;
        }
        yield tracked(nextEventId(), change);
      }
    } finally {
      ctx.subscriptions.open -= 1;
      clearInterval(recheck);
      signal?.removeEventListener('abort', end);
      stop();
      feed.close();
    }
  }),
} satisfies TRPCRouterRecord;
