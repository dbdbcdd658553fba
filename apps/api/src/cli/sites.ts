import { idField, nameField } from '@switchboard/contracts';
import { addSite, listSites } from '../services/sites.ts';
import { checked, expectPositionals, parseCommandLine } from './args.ts';
import { cliActor, fail, withToolDb } from './tool-db.ts';

const USAGE = 'usage: npm run sites -- add <site-id> --name "<name>" [--region "<region>"] | list';
const { positionals, values } = parseCommandLine(USAGE, {
  name: { type: 'string' },
  region: { type: 'string' },
  actor: { type: 'string' },
});
const ACTOR = cliActor(values.actor);
const [command] = positionals;

if (command === 'add') {
  expectPositionals(positionals, 2, USAGE);
  const id = checked('site-id', idField('site-id'), positionals[1], USAGE);
  if (values.name === undefined) fail(`--name is required\n${USAGE}`);
  const name = checked('--name', nameField('name'), values.name, USAGE);
  const region =
    values.region === undefined ? undefined : checked('--region', nameField('region'), values.region, USAGE);
  await withToolDb(async (db) => {
    const { created } = await addSite(db, { id, name, region, actor: ACTOR });
    console.log(created ? `site ${id} added` : `site ${id} already exists`);
  });
} else if (command === 'list') {
  expectPositionals(positionals, 1, USAGE);
  await withToolDb(async (db) => {
    for (const site of await listSites(db)) console.log(`${site.id}\t${site.name}\t${site.region ?? ''}`);
  });
} else {
  fail(USAGE);
}
