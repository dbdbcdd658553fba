import { parseArgs } from 'node:util';
import { emailField, roleField, sitesScopeField } from '@switchboard/contracts';
import { DataDirBusyError } from '@switchboard/db';
import { openAdmin } from '../admin.ts';
import { listUsers, updateUser } from '../services/users.ts';
import { cliActor, fail } from './tool-db.ts';

const USAGE = [
  'usage: npm run users -- create --email <e-mail> --role <viewer|analyst|manager|admin> [--sites <id,id>] [--name "<name>"]',
  '       npm run users -- link --email <e-mail>        (a fresh one-time sign-in link)',
  '       npm run users -- disable --email <e-mail> | enable --email <e-mail>',
  '       npm run users -- list',
  '  every command takes --actor "<who you are>" for the audit log',
].join('\n');
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: 'string' },
    role: { type: 'string' },
    sites: { type: 'string' },
    name: { type: 'string' },
    actor: { type: 'string' },
  },
});
const [command] = positionals;
const ACTOR = cliActor(values.actor);

const email = () => {
  const parsed = emailField.safeParse(values.email);
  if (!parsed.success) fail(`--email: ${parsed.error.issues[0]?.message ?? 'is required'}\n${USAGE}`);
  return parsed.data;
};

async function withAdmin(action: (admin: Awaited<ReturnType<typeof openAdmin>>) => Promise<void>) {
  let admin: Awaited<ReturnType<typeof openAdmin>> | undefined;
  try {
    admin = await openAdmin(undefined, ACTOR);
    await action(admin);
    await admin.close();
  } catch (error) {
    await admin?.close().catch(() => {});
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(error instanceof DataDirBusyError ? 3 : 1);
  }
}

if (command === 'create') {
  const address = email();
  const role = roleField.safeParse(values.role);
  if (!role.success) fail(`--role: ${role.error.issues[0]?.message}\n${USAGE}`);
  const list = values.sites
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const sites = sitesScopeField.safeParse(list && list.length > 0 && list[0] !== 'all' ? list : 'all');
  if (!sites.success) fail(`--sites: ${sites.error.issues[0]?.message}\n${USAGE}`);
  await withAdmin(async (admin) => {
    const { id, signInUrl } = await admin.createUser({
      email: address,
      name: values.name,
      role: role.data,
      sites: sites.data,
    });
    const scope = sites.data === 'all' ? 'every site' : `sites ${sites.data.join(', ')}`;
    console.log(`user ${id} (${address}) created as ${role.data} for ${scope}.`);
    console.log('One-time sign-in link (open it once; it expires):');
    console.log(signInUrl);
  });
} else if (command === 'link') {
  const address = email();
  await withAdmin(async (admin) => {
    const url = await admin.signInLink(address);
    console.log(`One-time sign-in link for ${address}:`);
    console.log(url);
  });
} else if (command === 'disable' || command === 'enable') {
  const address = email();
  await withAdmin(async (admin) => {
    const user = (await listUsers(admin.db)).find((u) => u.email === address);
    if (!user) throw new Error(`no user with e-mail ${address}`);
    await updateUser(admin.db, { id: user.id, disabled: command === 'disable', actor: ACTOR });
    console.log(`user ${address} ${command}d`);
  });
} else if (command === 'list') {
  await withAdmin(async (admin) => {
    for (const user of await listUsers(admin.db)) {
      const sites = user.sites === 'all' ? 'all' : user.sites.join(',');
      console.log(
        `${user.id}\t${user.email}\t${user.role}\t${sites}\t${user.disabled ? 'disabled' : 'active'}`,
      );
    }
  });
} else {
  fail(USAGE);
}
