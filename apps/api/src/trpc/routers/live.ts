import { liveInput } from '@switchboard/contracts';
import { TRPCError, type TRPCRouterRecord, tracked } from '@trpc/server';
import { catchUpChange } from '../../live/change.ts';
import { LiveFeed } from '../../live/feed.ts';
import { publicProcedure } from '../init.ts';

const boot = Date.now().toString(36);
let sequence = 0;
/** A fresh id per message; ids only tell a reconnecting client apart from a new one. */
const nextEventId = () => `${boot}-${(++sequence).toString(36)}`;

export const liveRouter = {
  /**
   * `live.changes` (SSE, `httpSubscriptionLink`): after each committed ingest, which sites, streams and
   * instants changed (`LiveChange`; an empty `siteIds` means any site), at most one message per 250 ms per
   * subscriber, only for `siteIds` when given. Every instance's changes reach every instance's subscribers.
   *
   * Resuming: missed changes are not kept. A client that reconnects with a `lastEventId` (the link sends the
   * id of the last message it saw) first gets one catch-up change covering all sites, every stream and every
   * instant, meaning "something may have changed": it refetches what it shows, then live changes follow.
   * A new client should subscribe before its first fetch so that nothing falls between the two.
   */
  changes: publicProcedure.input(liveInput).subscription(async function* ({ ctx, input, signal }) {
    if (ctx.subscriptions.open >= ctx.settings.maxSubscribers) {
      throw new TRPCError({
        code: 'TOO_MANY_REQUESTS',
        message: `this API instance serves at most ${ctx.settings.maxSubscribers} live subscriptions; try again later`,
      });
    }
    ctx.subscriptions.open += 1;
    const feed = new LiveFeed({ siteIds: input?.siteIds });
    const stop = ctx.live.subscribe((change) => feed.push(change));
    try {
      if (input?.lastEventId) feed.push(catchUpChange());
      while (true) {
        const change = await feed.next(signal);
        if (!change) return;
        yield tracked(nextEventId(), change);
      }
    } finally {
      ctx.subscriptions.open -= 1;
      stop();
      feed.close();
    }
  }),
} satisfies TRPCRouterRecord;
