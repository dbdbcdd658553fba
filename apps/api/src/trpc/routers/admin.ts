import {
  addSiteInput,
  addSystemInput,
  auditListInput,
  createKeyInput,
  idInput,
  inviteUserInput,
  renameInput,
  signInLinkInput,
  updateUserInput,
} from '@switchboard/contracts';
import type { TRPCRouterRecord } from '@trpc/server';
import { sitesFromStored, sitesToStored } from '../../auth/principal.ts';
import { listAudit } from '../../services/audit.ts';
import { createKey, listKeys, revokeKey } from '../../services/keys.ts';
import { addSite, renameSite } from '../../services/sites.ts';
import { addSystem, renameSystem } from '../../services/systems.ts';
import { inviteUser, listUsers, signInLinkFor, updateUser } from '../../services/users.ts';
import { actingAs } from '../actor.ts';
import { procedure } from '../init.ts';

const ok = { ok: true as const };

/** Admin only (see auth/permissions.ts): users, feed keys, sites, systems and the audit log. */
export const adminRouter = {
  users: {
    list: procedure.query(({ ctx }) => listUsers(ctx.db)),
    invite: procedure
      .input(inviteUserInput)
      .mutation(({ ctx, input }) => inviteUser(ctx.db, ctx.access.auth, { ...input, ...actingAs(ctx) })),
    update: procedure.input(updateUserInput).mutation(async ({ ctx, input }) => {
      await updateUser(ctx.db, { ...input, ...actingAs(ctx) });
      return ok;
    }),
    /** A fresh one-time sign-in link for a user (e.g. someone locked out of SSO). */
    signInLink: procedure
      .input(signInLinkInput)
      .mutation(({ ctx, input }) => signInLinkFor(ctx.db, ctx.access.auth, { ...input, ...actingAs(ctx) })),
  },
  keys: {
    list: procedure.query(async ({ ctx }) =>
      (await listKeys(ctx.db)).map(({ siteIds, ...key }) => ({ ...key, sites: sitesFromStored(siteIds) })),
    ),
    create: procedure.input(createKeyInput).mutation(({ ctx, input }) =>
      createKey(ctx.db, {
        feed: input.feed,
        name: input.name,
        siteIds: sitesToStored(input.sites),
        ...actingAs(ctx),
      }),
    ),
    revoke: procedure.input(idInput).mutation(async ({ ctx, input }) => {
      await revokeKey(ctx.db, { ...input, ...actingAs(ctx) });
      // This instance stops accepting it at once; others within the key cache's lifetime (lookups.ts).
      ctx.lookups.keys.clear();
      return ok;
    }),
  },
  sites: {
    add: procedure
      .input(addSiteInput)
      .mutation(({ ctx, input }) => addSite(ctx.db, { ...input, ...actingAs(ctx) })),
    rename: procedure.input(renameInput).mutation(async ({ ctx, input }) => {
      await renameSite(ctx.db, { ...input, ...actingAs(ctx) });
      return ok;
    }),
  },
  systems: {
    add: procedure
      .input(addSystemInput)
      .mutation(({ ctx, input }) => addSystem(ctx.db, { ...input, ...actingAs(ctx) })),
    rename: procedure.input(renameInput).mutation(async ({ ctx, input }) => {
      await renameSystem(ctx.db, { ...input, ...actingAs(ctx) });
      return ok;
    }),
  },
  audit: {
    list: procedure.input(auditListInput).query(({ ctx, input }) => listAudit(ctx.db, input)),
  },
} satisfies TRPCRouterRecord;
