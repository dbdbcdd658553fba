import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelinedTransaction } from '../src/pipeline';
import { type Backend, createTestDb, type TestDatabase, testBackends } from '../src/testing';

describe.each(testBackends())('pipelinedTransaction (%s)', (backend: Backend) => {
  let database: TestDatabase;
  const count = async () =>
    Number((await database.rows<{ n: number }>(sql`select count(*)::int as n from pipeline_t`))[0]?.n);

  beforeAll(async () => {
    database = await createTestDb(backend);
    await database.rows(sql`create table pipeline_t (id int primary key)`);
  });
  afterAll(() => database.destroy());

  it('runs the statements in order, each seeing the ones before, and commits what finish accepts', async () => {
    const result = await pipelinedTransaction(
      database.db,
      [
        sql`insert into pipeline_t values (1) returning id`,
        sql`select count(*)::int as n from pipeline_t where id = 1`,
      ],
      async ([inserted, seen], failed) => ({ inserted: inserted?.[0]?.id, seen: seen?.[0]?.n, failed }),
    );
    expect(result).toEqual({ inserted: 1, seen: 1, failed: false });
    expect(await count()).toBe(1);
  });

  it('rolls everything back when finish throws (after awaiting), and the connection is usable again', async () => {
    await expect(
      pipelinedTransaction(database.db, [sql`insert into pipeline_t values (2)`], async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await count()).toBe(1);
    for (let i = 0; i < 12; i++) {
      await pipelinedTransaction(database.db, [sql`select 1 as one`], ([rows]) => rows?.[0]?.one);
    }
  });

  it('rolls back and throws the first failed statement, giving finish the rows of those that ran', async () => {
    let given: unknown[] = [];
    const attempt = pipelinedTransaction(
      database.db,
      [
        sql`insert into pipeline_t values (3) returning id`,
        sql`insert into pipeline_t values (1)`,
        sql`select 1 as after`,
      ],
      (rows, failed) => {
        given = [rows[0]?.[0]?.id, rows[1], failed];
        return 'unused';
      },
    );
    const error = (await attempt.catch((e: unknown) => e)) as Error & { cause?: Error };
    expect(`${error.message} ${error.cause?.message ?? ''}`).toMatch(/duplicate key/);
    if (backend === 'postgres') expect(given).toEqual([3, undefined, true]);
    expect(await count()).toBe(1);
  });
});
