import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { createDb, type Database } from './client';
import { testDatabaseUrl } from './env';

export type Backend = 'pglite' | 'postgres';

/**
 * The backends a test suite runs on: in-memory PGlite always, and PostgreSQL when TEST_DATABASE_URL is
 * set (then a server that cannot be reached fails the tests rather than skipping them).
 */
export function testBackends(): Backend[] {
  return testDatabaseUrl() ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
  /** The connection URL on PostgreSQL (for child processes); undefined on PGlite. */
  url?: string;
  /** Closes and, on PostgreSQL, drops the database. */
  destroy(): Promise<void>;
}

/** A fresh, migrated database for one test file: in-memory PGlite, or a new PostgreSQL database. */
export async function createTestDb(backend: Backend): Promise<TestDatabase> {
  if (backend === 'pglite') {
    const database = await createDb({});
    return { ...database, destroy: () => database.close() };
  }
  const adminUrl = testDatabaseUrl();
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `sb_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = withDatabase(adminUrl, name);
  const database = await createDb({ url });
  return {
    ...database,
    url,
    async destroy() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
