import { DEFAULT_WALLBOARD_PAGES, idField, sitesScopeField } from '@switchboard/contracts';
import { z } from 'zod';
import { readEnv } from '../env.ts';
import { createDisplay, revokeDisplay } from '../services/displays.ts';
import { createBoard } from '../services/wallboards/boards.ts';
import { checked, expectPositionals, parseCommandLine } from './args.ts';
import { cliActor, fail, withToolDb } from './tool-db.ts';

const USAGE =
  'usage: npm run displays -- create --name "<name>" --sites <id,id|all>\n' +
  '       npm run displays -- revoke <display-id>';
const { positionals, values } = parseCommandLine(USAGE, {
  name: { type: 'string' },
  sites: { type: 'string' },
  actor: { type: 'string' },
});
const ACTOR = cliActor(values.actor);
const [command] = positionals;
const displayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

if (command === 'create') {
  expectPositionals(positionals, 1, USAGE);
  if (values.name === undefined) fail(`--name is required\n${USAGE}`);
  if (values.sites === undefined) fail(`--sites is required\n${USAGE}`);
  const name = checked('--name', displayName, values.name, USAGE);
  const sites = checked(
    '--sites',
    sitesScopeField,
    values.sites === 'all' ? 'all' : values.sites.split(',').map((s) => s.trim()),
    USAGE,
  );
  // The CLI acts with every site (it runs on the server, as the operator).
  const operator = {
    kind: 'user',
    userId: 'cli',
    email: 'cli',
    name: 'cli',
    role: 'admin',
    sites: 'all',
  } as const;
  await withToolDb(async (db) => {
    const board = await createBoard(db, operator, {
      name: `${name} board`,
      sites,
      pages: DEFAULT_WALLBOARD_PAGES,
      actor: ACTOR,
    });
    const { id, token } = await createDisplay(db, { name, sites, boardId: board.id, actor: ACTOR });
    // The dashboard's origin (the claim link is a dashboard route); without PUBLIC_URL, its default address.
    const publicUrl = (readEnv().PUBLIC_URL ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
    console.log(`display ${id} "${name}" showing board ${board.id}; open this link once on the screen:`);
    console.log(`${publicUrl}/display/claim?token=${encodeURIComponent(token)}&to=wallboard`);
  });
} else if (command === 'revoke') {
  expectPositionals(positionals, 2, USAGE);
  const id = checked('display-id', idField('display-id'), positionals[1], USAGE);
  await withToolDb(async (db) => {
    await revokeDisplay(db, { id, actor: ACTOR });
    console.log(`display ${id} revoked: the screen stops within seconds`);
  });
} else {
  fail(USAGE);
}
