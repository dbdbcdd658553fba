import { idField, nameField } from '@switchboard/contracts';
import { addSystem, listSystems } from '../services/systems.ts';
import { checked, expectPositionals, parseCommandLine } from './args.ts';
import { cliActor, fail, withToolDb } from './tool-db.ts';

const USAGE =
  'usage: npm run systems -- add <system-id> --name "<name>" [--kind <kind>] [--sites <site-id>,...] | list';
const { positionals, values } = parseCommandLine(USAGE, {
  name: { type: 'string' },
  kind: { type: 'string' },
  sites: { type: 'string' },
  actor: { type: 'string' },
});
const ACTOR = cliActor(values.actor);
const [command] = positionals;

if (command === 'add') {
  expectPositionals(positionals, 2, USAGE);
  const id = checked('system-id', idField('system-id'), positionals[1], USAGE);
  if (values.name === undefined) fail(`--name is required\n${USAGE}`);
  const name = checked('--name', nameField('name'), values.name, USAGE);
  const kind =
    values.kind === undefined ? undefined : checked('--kind', nameField('kind'), values.kind, USAGE);
  const siteIds = (values.sites ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((siteId) => checked('--sites', idField('site-id'), siteId, USAGE));
  await withToolDb(async (db) => {
    const { created } = await addSystem(db, { id, name, kind, siteIds, actor: ACTOR });
    console.log(
      `system ${id} ${created ? 'added' : 'already exists'}${siteIds.length ? `; sites: ${siteIds.join(', ')}` : ''}`,
    );
  });
} else if (command === 'list') {
  expectPositionals(positionals, 1, USAGE);
  await withToolDb(async (db) => {
    for (const system of await listSystems(db))
      console.log(`${system.id}\t${system.name}\t${system.siteIds.join(',')}`);
  });
} else {
  fail(USAGE);
}
