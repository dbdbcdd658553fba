import { takeBackup } from '../backup/embedded.ts';
import { fromWhereRun, readEnv } from '../env.ts';
import { expectPositionals, parseCommandLine } from './args.ts';
import { fail } from './tool-db.ts';

const USAGE =
  'usage: npm run backup -- <file>   (the embedded database in DATA_DIR; works while the API runs)';
const { positionals } = parseCommandLine(USAGE, {});
expectPositionals(positionals, 1, USAGE);
const env = readEnv();
const file = fromWhereRun(env, positionals[0] as string);
try {
  const { bytes, via } = await takeBackup(env, file);
  const how = via === 'api' ? 'through the running API' : 'from the folder';
  console.log(`backup written to ${file} (${(bytes / 1e6).toFixed(1)} MB, ${how})`);
} catch (error) {
  fail((error as Error).message);
}
