import { restoreBackup } from '../backup/embedded.ts';
import { fromWhereRun, readEnv } from '../env.ts';
import { expectPositionals, parseCommandLine } from './args.ts';
import { fail } from './tool-db.ts';

const USAGE = 'usage: DATA_DIR=<empty folder> npm run restore -- <file>';
const { positionals } = parseCommandLine(USAGE, {});
expectPositionals(positionals, 1, USAGE);
const env = readEnv();
const file = fromWhereRun(env, positionals[0] as string);
try {
  await restoreBackup(env, file);
  console.log(`restored ${file} into ${env.DATA_DIR}; start the API on it with DATA_DIR=${env.DATA_DIR}`);
} catch (error) {
  fail((error as Error).message);
}
