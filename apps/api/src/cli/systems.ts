import { parseArgs } from 'node:util';
import { idField } from '@switchboard/contracts';
import { addSystem, listSystems } from '../services/systems.ts';
import { cliActor, fail, withToolDb } from './tool-db.ts';

const USAGE =
  'usage: npm run systems -- add <system-id> --name "<name>" [--kind <kind>] [--sites <site-id>,...] | list';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    kind: { type: 'string' },
    sites: { type: 'string' },
    actor: { type: 'string' },
  },
});
const ACTOR = cliActor(values.actor);
const [command, id] = positionals;

if (command === 'add') {
  const parsedId = idField('system-id').safeParse(id);
  if (!parsedId.success) fail(`${parsedId.error.issues[0]?.message}\n${USAGE}`);
  if (!values.name) fail(`--name is required\n${USAGE}`);
  const siteIds = (values.sites ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  await withToolDb(async (db) => {
    const { created } = await addSystem(db, {
      id: parsedId.data,
      name: values.name as string,
      kind: values.kind,
      siteIds,
      actor: ACTOR,
    });
    console.log(
      `system ${parsedId.data} ${created ? 'added' : 'already exists'}${siteIds.length ? `; sites: ${siteIds.join(', ')}` : ''}`,
    );
  });
} else if (command === 'list') {
  await withToolDb(async (db) => {
    for (const system of await listSystems(db))
      console.log(`${system.id}\t${system.name}\t${system.siteIds.join(',')}`);
  });
} else {
  fail(USAGE);
}
