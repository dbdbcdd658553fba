import { rebuildRollups } from '../services/rollups/rebuild.ts';
import { fail, withToolDb } from './tool-db.ts';

const [command] = process.argv.slice(2);
if (command !== 'rebuild') fail('usage: npm run rollups -- rebuild');

await withToolDb(async (db) => {
  const started = performance.now();
  const { events, snapshots } = await rebuildRollups(db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`rollups rebuilt from ${events} call events and ${snapshots} queue snapshots in ${seconds} s`);
});
