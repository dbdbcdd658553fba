import { idField } from '@switchboard/contracts';
import { ALL_SITES, createKey, listKeys, revokeKey } from '../services/keys.ts';
import { checked, expectPositionals, parseCommandLine } from './args.ts';
import { cliActor, fail, withToolDb } from './tool-db.ts';

const USAGE = [
  'usage: npm run keys -- create --site <site-id>[,<site-id>...|*] --feed <name>',
  '       npm run keys -- revoke <key-id>',
  '       npm run keys -- list',
].join('\n');
const { positionals, values } = parseCommandLine(USAGE, {
  site: { type: 'string' },
  feed: { type: 'string' },
  actor: { type: 'string' },
});
const ACTOR = cliActor(values.actor);
const [command, id] = positionals;

if (command === 'create') {
  expectPositionals(positionals, 1, USAGE);
  const siteIds = (values.site ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (siteIds.length === 0) fail(`--site is required\n${USAGE}`);
  for (const siteId of siteIds) {
    if (siteId !== ALL_SITES && !idField('site').safeParse(siteId).success)
      fail(`--site: invalid site id "${siteId.slice(0, 100)}"\n${USAGE}`);
  }
  const feed = checked('--feed', idField('feed'), values.feed, USAGE);
  await withToolDb(async (db) => {
    const created = await createKey(db, { siteIds, feed, actor: ACTOR });
    console.log(`key ${created.id} for feed "${feed}", sites ${siteIds.join(', ')}; it is shown only once:`);
    console.log(created.key);
  });
} else if (command === 'revoke') {
  expectPositionals(positionals, 2, USAGE);
  const keyId = checked('key-id', idField('key-id'), id, USAGE);
  await withToolDb(async (db) => {
    await revokeKey(db, { id: keyId, actor: ACTOR });
    console.log(`key ${keyId} revoked`);
  });
} else if (command === 'list') {
  expectPositionals(positionals, 1, USAGE);
  await withToolDb(async (db) => {
    for (const key of await listKeys(db)) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
      console.log(`${key.id}\t${key.feed}\t${key.siteIds.join(',')}\t${state}`);
    }
  });
} else {
  fail(USAGE);
}
