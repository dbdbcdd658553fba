import { idField, LIMITS, nameField, textField } from '@switchboard/contracts';
import { addSite, listSites, setSiteCodes } from '../services/sites.ts';
import { checked, expectPositionals, parseCommandLine } from './args.ts';
import { cliActor, fail, withToolDb } from './tool-db.ts';

const USAGE =
  'usage: npm run sites -- add <site-id> --name "<name>" [--region "<region>"] | list\n' +
  '       npm run sites -- codes <site-id> [--org-code X] [--region-code Y63] [--region "<name>"] [--contract-code X] [--contract-name "<name>"]';
const { positionals, values } = parseCommandLine(USAGE, {
  name: { type: 'string' },
  region: { type: 'string' },
  'org-code': { type: 'string' },
  'region-code': { type: 'string' },
  'contract-code': { type: 'string' },
  'contract-name': { type: 'string' },
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
} else if (command === 'codes') {
  expectPositionals(positionals, 2, USAGE);
  const parsedId = { data: checked('site-id', idField('site-id'), positionals[1], USAGE) };
  for (const [key, value] of Object.entries(values))
    if (key !== 'actor' && typeof value === 'string')
      checked(`--${key}`, textField(key, LIMITS.nameLength), value, USAGE);
  await withToolDb(async (db) => {
    const { updated } = await setSiteCodes(db, {
      id: parsedId.data,
      codes: {
        orgCode: values['org-code'],
        region: values.region,
        regionCode: values['region-code'],
        contractCode: values['contract-code'],
        contractName: values['contract-name'],
      },
      actor: ACTOR,
    });
    if (!updated) fail(`no site ${parsedId.data}, or no code given\n${USAGE}`);
    console.log(`site ${parsedId.data} codes set`);
  });
} else if (command === 'list') {
  expectPositionals(positionals, 1, USAGE);
  await withToolDb(async (db) => {
    for (const site of await listSites(db)) console.log(`${site.id}\t${site.name}\t${site.region ?? ''}`);
  });
} else {
  fail(USAGE);
}
