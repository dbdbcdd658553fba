import { parseArgs } from 'node:util';
import { idField } from '@switchboard/contracts';
import { ALL_SITES, createKey, listKeys, revokeKey } from '../services/keys.ts';
import { cliActor, fail, withToolDb } from './tool-db.ts';

const USAGE = [
  'usage: npm run keys -- create --site <site-id>[,<site-id>...|*] --feed <name>',
  '       npm run keys -- revoke <key-id>',
  '       npm run keys -- list',
].join('\n');
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { site: { type: 'string' }, feed: { type: 'string' }, actor: { type: 'string' } },
});
const ACTOR = cliActor(values.actor);
const [command, id] = positionals;

if (command === 'create') {
  const siteIds = (values.site ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (siteIds.length === 0) fail(`--site is required\n${USAGE}`);
  for (const siteId of siteIds) {
    if (siteId !== ALL_SITES && !idField('site').safeParse(siteId).success)
      fail(`invalid site id "${siteId}"`);
  }
  const feed = idField('feed').safeParse(values.feed);
  if (!feed.success) fail(`--feed: ${feed.error.issues[0]?.message}\n${USAGE}`);
  await withToolDb(async (db) => {
    const created = await createKey(db, { siteIds, feed: feed.data, actor: ACTOR });
    console.log(
      `key ${created.id} for feed "${feed.data}", sites ${siteIds.join(', ')}; it is shown only once:`,
    );
    console.log(created.key);
  });
} else if (command === 'revoke') {
  if (!id) fail(USAGE);
  await withToolDb(async (db) => {
    await revokeKey(db, { id, actor: ACTOR });
    console.log(`key ${id} revoked`);
  });
} else if (command === 'list') {
  await withToolDb(async (db) => {
    for (const key of await listKeys(db)) {
      const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : 'active';
      console.log(`${key.id}\t${key.feed}\t${key.siteIds.join(',')}\t${state}`);
    }
  });
} else {
  fail(USAGE);
}
