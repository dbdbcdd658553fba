import { parseArgs } from 'node:util';
import { idField } from '@switchboard/contracts';
import { addSite, listSites, setSiteCodes } from '../services/sites.ts';
import { ACTOR, fail, withToolDb } from './tool-db.ts';

const USAGE =
  'usage: npm run sites -- add <site-id> --name "<name>" [--region "<region>"] | list\n' +
  '       npm run sites -- codes <site-id> [--org-code X] [--region-code Y63] [--region "<name>"] [--contract-code X] [--contract-name "<name>"]';
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    region: { type: 'string' },
    'org-code': { type: 'string' },
    'region-code': { type: 'string' },
    'contract-code': { type: 'string' },
    'contract-name': { type: 'string' },
  },
});
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
} else if (command === 'codes') {
  const parsedId = idField('site-id').safeParse(id);
  if (!parsedId.success) fail(`${parsedId.error.issues[0]?.message}\n${USAGE}`);
  for (const [key, value] of Object.entries(values))
    if (typeof value === 'string' && value.length > 200) fail(`--${key} must be at most 200 characters`);
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
  await withToolDb(async (db) => {
    for (const site of await listSites(db)) console.log(`${site.id}\t${site.name}\t${site.region ?? ''}`);
  });
} else {
  fail(USAGE);
}
