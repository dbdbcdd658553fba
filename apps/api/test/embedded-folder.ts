import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type Database } from '@switchboard/db';
import { createKey } from '../src/services/keys.ts';
import { addSite } from '../src/services/sites.ts';

/** Registers site `leeds` and returns a telephony feed key for it. */
export async function seedLeeds(database: Database): Promise<string> {
  await addSite(database.db, { id: 'leeds', name: 'Leeds', actor: 'test' });
  const { key } = await createKey(database.db, { siteIds: ['leeds'], feed: 'telephony', actor: 'test' });
  return key;
}

/** An embedded data folder of its own holding site `leeds` and a feed key for it (closed again). */
export async function seededFolder(): Promise<{ dataDir: string; key: string; cleanup: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-embedded-'));
  const setup = await createDb({ dataDir });
  const key = await seedLeeds(setup);
  await setup.close();
  return { dataDir, key, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** `count` call events for leeds from 09:00 UTC on 27 Nov 2026, every other one answered after `i` seconds. */
export function leedsCalls(count: number) {
  return Array.from({ length: count }, (_, i) => {
    const at = new Date(Date.UTC(2026, 10, 27, 9, 0, 0) + i * 1000).toISOString();
    return i % 2 === 0
      ? { siteId: 'leeds', callId: `c-${i}`, kind: 'offered', at }
      : { siteId: 'leeds', callId: `c-${i - 1}`, kind: 'answered', at, waitMs: i * 1000 };
  });
}
