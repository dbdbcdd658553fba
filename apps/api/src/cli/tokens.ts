import { emailField, idField, sitesScopeField } from '@switchboard/contracts';
import { ROLES, type Role, users } from '@switchboard/db';
import { eq } from 'drizzle-orm';
import { sitesFromStored } from '../auth/principal.ts';
import { createExportToken, listExportTokens, revokeExportToken } from '../services/export-tokens.ts';
import { checked, expectPositionals, parseCommandLine } from './args.ts';
import { cliActor, fail, withToolDb } from './tool-db.ts';

const USAGE = [
  'usage: npm run tokens -- create --user <e-mail> --kind export [--name "<name>"] [--sites <id,id>]',
  '       npm run tokens -- list',
  '       npm run tokens -- revoke <token-id>',
  '  the token is printed once, as the last line; every command takes --actor "<who you are>"',
].join('\n');
const { positionals, values } = parseCommandLine(USAGE, {
  user: { type: 'string' },
  kind: { type: 'string' },
  name: { type: 'string' },
  sites: { type: 'string' },
  actor: { type: 'string' },
});
const ACTOR = cliActor(values.actor);
const [command, id] = positionals;

if (command === 'create') {
  expectPositionals(positionals, 1, USAGE);
  const email = checked('--user', emailField, values.user, USAGE);
  if (values.kind !== 'export') fail(`--kind: must be "export"\n${USAGE}`);
  const list = values.sites
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const sites = checked('--sites', sitesScopeField, list && list[0] !== 'all' ? list : 'all', USAGE);
  const name = (values.name ?? `export token for ${email}`).trim().slice(0, 80) || 'export token';
  if (/\p{Cc}/u.test(name)) fail(`--name: must not contain control characters\n${USAGE}`);
  await withToolDb(async (db) => {
    const [user] = await db
      .select({ id: users.id, role: users.role, siteIds: users.siteIds, disabled: users.disabled })
      .from(users)
      .where(eq(users.email, email));
    if (!user) throw new Error(`no user with e-mail ${email}`);
    if (user.disabled) throw new Error(`user ${email} is disabled`);
    const role: Role = ROLES.includes(user.role) ? user.role : 'viewer';
    const created = await createExportToken(db, {
      actor: ACTOR,
      owner: { userId: user.id, role, sites: sitesFromStored(user.siteIds) },
      name,
      sites,
    });
    console.log(`export token ${created.id} for ${email} ("${name}"); it is shown only once:`);
    console.log(created.token);
  });
} else if (command === 'revoke') {
  expectPositionals(positionals, 2, USAGE);
  const tokenId = checked('token-id', idField('token-id'), id, USAGE);
  await withToolDb(async (db) => {
    await revokeExportToken(db, { id: tokenId, ownerId: null, actor: ACTOR });
    console.log(`export token ${tokenId} revoked`);
  });
} else if (command === 'list') {
  expectPositionals(positionals, 1, USAGE);
  await withToolDb(async (db) => {
    for (const token of await listExportTokens(db, null)) {
      const state = token.revokedAt ? `revoked ${token.revokedAt.toISOString()}` : 'active';
      const sites = token.sites === 'all' ? "owner's" : token.sites.join(',');
      console.log(`${token.id}\texport\t${token.owner}\t${token.name}\t${sites}\t${state}`);
    }
  });
} else {
  fail(USAGE);
}
