import { parseArgs } from 'node:util';
import { idField } from '@switchboard/contracts';
import { addSite, listSites } from '../services/sites.ts';
import { cliActor, fail, withToolDb } from './tool-db.ts';

const USAGE = 'usage: npm run sites -- add <site-id> --name "<name>" [--region "<region>"] | list';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, region: { type: 'string' }, actor: { type: 'string' } },
});
const ACTOR = cliActor(values.actor);
const [command, id] = positionals;

if (command === 'add') {
  const parsedId = idField('site-id').safeParse(id);
  if (!parsedId.success) fail(`${parsedId.error.issues[0]?.message}\n${USAGE}`);
  if (!values.name) fail(`--name is required\n${USAGE}`);
  await withToolDb(async (db) => {
    const { created } = await addSite(db, {
      id: parsedId.data,
      name: values.name as string,
      region: values.region,
      actor: ACTOR,
    });
    console.log(created ? `site ${parsedId.data} added` : `site ${parsedId.data} already exists`);
  });
} else if (command === 'list') {
  await withToolDb(async (db) => {
    for (const site of await listSites(db)) console.log(`${site.id}\t${site.name}\t${site.region ?? ''}`);
  });
} else {
  fail(USAGE);
}
