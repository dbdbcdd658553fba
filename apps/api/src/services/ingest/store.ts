import { type Db, pipelinedTransaction } from '@switchboard/db';
import { type SQL, sql } from 'drizzle-orm';
import { DomainError } from '../../errors.ts';
import { rawMarkQuery } from '../retention.ts';
import { refuseTooOld } from './retention-guard.ts';
import { retryOnConflict } from './retry.ts';

/**
 * Runs a batch's insert (which answers `accepted`) and then its conflict check (which answers the 1-based
 * position `n` of the first item whose identity is stored with other content) in one transaction, after
 * reading the retention mark (an item older than it refuses the batch, see refuseTooOld). A refusal rolls
 * everything back, rollups included. A conflict is refused (409) naming the item: an exact repeat is a
 * duplicate, a different report under the same identity is never silently dropped. The check runs after
 * the insert so that it also sees a conflicting report another request committed meanwhile (the insert
 * waited for it) and two different reports of one identity within the batch.
 * The three statements travel together (pipelinedTransaction): two round trips a batch, BEGIN to COMMIT.
 */
export async function storeBatch(
  db: Db,
  statements: { insert: SQL; conflicts: SQL },
  conflictMessage: (index: number) => string,
  retention: { field: string; items: readonly { at: string }[] },
): Promise<number> {
  return retryOnConflict(() =>
    pipelinedTransaction(
      db,
      [rawMarkQuery(), statements.insert, statements.conflicts],
      ([mark, inserted, conflicts]) => {
        // The retention refusal comes first, as when it was checked before the insert.
        if (mark) refuseTooOld(retention.field, retention.items, (mark[0]?.before as string) ?? null);
        const conflict = conflicts?.[0];
        if (conflict) throw new DomainError('conflict', conflictMessage(Number(conflict.n) - 1));
        return Number(inserted?.[0]?.accepted ?? 0);
      },
    ),
  );
}

/**
 * The conflict check of a batch: the 1-based position `n` of the first item whose identity is stored with
 * other content. `storedOtherwise` selects such a stored row for the item `x.item` (one element of the
 * batch's JSON array); it runs once per item as a lateral lookup, so each item is one probe of the
 * identity's unique index whatever the table's size or statistics. (A join let the planner hash the whole
 * table: with statistics from before a bulk load, or a table of a few thousand rows, every 10-item batch
 * read every stored row, 20–60 ms at 200,000 rows.)
 */
export const firstConflict = (json: string, storedOtherwise: SQL) =>
  sql`select x.n from json_array_elements(${json}::json) with ordinality as x(item, n)
    cross join lateral (${storedOtherwise} limit 1) as stored
    order by x.n limit 1`;

export const conflictMessage = (field: string, what: string, identity: string) => (index: number) =>
  `${field}[${index}]: conflicts with a stored ${what} of the same ${identity} but different content; ` +
  'nothing of this batch was stored (an exact repeat is a duplicate, a correction needs its own identity)';
