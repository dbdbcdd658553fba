import { rebuildRollups } from '../services/rollups/rebuild.ts';
import { expectPositionals, parseCommandLine } from './args.ts';
import { fail, withToolDb } from './tool-db.ts';

const USAGE = 'usage: npm run rollups -- rebuild';
const { positionals } = parseCommandLine(USAGE, {});
expectPositionals(positionals, 1, USAGE);
if (positionals[0] !== 'rebuild') fail(USAGE);

await withToolDb(async (db) => {
  const started = performance.now();
  const { events, snapshots } = await rebuildRollups(db);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`rollups rebuilt from ${events} call events and ${snapshots} queue snapshots in ${seconds} s`);
});
