/**
 * `@switchboard/api/admin`: what command-line tools, the demo and end-to-end test support may do to a
 * Switchboard database without the HTTP API — register sites, systems, feed keys, people and displays, and
 * make one-time sign-in links. Every action is audited under the given actor. Opening the embedded database
 * takes its lock, so this fails while an API holds it (use the admin area then); on PostgreSQL it works
 * beside running APIs.
 */
import type { Db } from '@switchboard/db';
import { createAuth } from './auth/auth.ts';
import { accessConfigFrom } from './auth/config.ts';
import type { Sites } from './auth/principal.ts';
import { resolveSecret } from './auth/secret.ts';
import { readEnv } from './env.ts';
import { openDatabase } from './open-database.ts';
import { createDisplay, listDisplays, revokeDisplay } from './services/displays.ts';
import { createKey, listKeys, revokeKey } from './services/keys.ts';
import { addSite, listSites, renameSite } from './services/sites.ts';
import { addSystem, listSystems, renameSystem } from './services/systems.ts';
import { type InviteInput, inviteUser, listUsers, signInLinkFor, updateUser } from './services/users.ts';

export type { Role } from '@switchboard/db';
export type { Sites } from './auth/principal.ts';

export interface AdminTool {
  db: Db;
  /** Where the database is, for messages. */
  where: string;
  addSite(input: { id: string; name: string; region?: string }): Promise<{ created: boolean }>;
  addSystem(input: {
    id: string;
    name: string;
    kind?: string;
    siteIds: string[];
  }): Promise<{ created: boolean }>;
  /** A feed key (['*'] = every site); the key is shown only here. */
  createKey(input: { siteIds: string[]; feed: string; name?: string }): Promise<{ id: string; key: string }>;
  /** Invites a person; the answer holds a one-time sign-in link. */
  createUser(input: InviteInput): Promise<{ id: string; signInUrl: string }>;
  /** The user with this e-mail (created with `input` if missing) and a fresh one-time sign-in link. */
  ensureUser(input: InviteInput): Promise<{ created: boolean; signInUrl: string }>;
  /** A fresh one-time sign-in link for an existing user, returning to `callbackURL` (default "/"). */
  signInLink(email: string, callbackURL?: string): Promise<string>;
  createDisplay(input: { name: string; sites: Sites }): Promise<{ id: string; token: string; url: string }>;
  close(): Promise<void>;
}

/**
 * Opens the database configured by `env` (the API's variables: DATA_DIR or DATABASE_URL, PUBLIC_URL for the
 * links — the dashboard's origin when it proxies /api/auth/*).
 */
export async function openAdmin(env?: NodeJS.ProcessEnv, actor = 'cli'): Promise<AdminTool> {
  // Without `env`, env.ts reads the process's own (the one place that does).
  const config = readEnv(env);
  // One-time link tokens live in the database, not signed by the secret: a tool without the secret (on
  // PostgreSQL it may not have it) still makes links that work.
  let secret: string;
  try {
    secret = resolveSecret(config);
  } catch {
    secret = `${crypto.randomUUID()}${crypto.randomUUID()}`;
  }
  const access = accessConfigFrom(config, secret);
  const database = await openDatabase(config);
  const { db } = database;
  const auth = createAuth(db, access);
  const by = { actor };
  return {
    db,
    where: database.where,
    addSite: (input) => addSite(db, { ...input, ...by }),
    addSystem: (input) => addSystem(db, { ...input, ...by }),
    createKey: (input) => createKey(db, { ...input, ...by }),
    createUser: (input) => inviteUser(db, auth, { ...input, ...by }),
    async ensureUser(input) {
      const email = input.email.trim().toLowerCase();
      const exists = (await listUsers(db)).some((user) => user.email === email);
      if (!exists)
        return { created: true, signInUrl: (await inviteUser(db, auth, { ...input, ...by })).signInUrl };
      return { created: false, signInUrl: (await signInLinkFor(db, auth, { email, ...by })).signInUrl };
    },
    signInLink: async (email, callbackURL) =>
      (await signInLinkFor(db, auth, { email, callbackURL, ...by })).signInUrl,
    async createDisplay(input) {
      const { id, token } = await createDisplay(db, { ...input, ...by });
      return { id, token, url: `${access.publicUrl}/display/claim?token=${encodeURIComponent(token)}` };
    },
    close: () => database.close(),
  };
}

// The services themselves, for tools that hold their own `db`.
export {
  addSite,
  addSystem,
  createDisplay,
  createKey,
  listDisplays,
  listKeys,
  listSites,
  listSystems,
  listUsers,
  renameSite,
  renameSystem,
  revokeDisplay,
  revokeKey,
  updateUser,
};
