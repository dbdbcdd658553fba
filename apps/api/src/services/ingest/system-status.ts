import type { IngestResult, SystemStatusReport } from '@switchboard/contracts';
import type { Db } from '@switchboard/db';
import { DomainError } from '../../errors.ts';
import type { FeedKey } from '../keys.ts';
import { expectationOf, holdMs, loadExpectations, streamKey } from '../queries/expectations.ts';
import { createLookups, type IngestLookups } from './lookups.ts';
import { checkSites, checkSystems } from './references.ts';
import { retryOnConflict } from './retry.ts';
import { storeInOrder } from './status-batch.ts';
import { lockStream, storeReport } from './status-runs.ts';
import { conflictMessage } from './store.ts';

const message = conflictMessage('statuses', 'status report', 'systemId, siteId, at and source');

/**
 * Stores a validated batch of status reports, all or nothing; (system, site, at, source) identifies a
 * report, a missing site meaning the system nationally. Repeated heartbeats fold into runs (see
 * status-runs.ts for the rule, and for what counts as a duplicate or a conflict, 409, inside a run).
 * Streams are locked in key order, and each stream's reports stored in time order.
 */
export async function ingestSystemStatus(
  db: Db,
  key: FeedKey,
  statuses: SystemStatusReport[],
  options: { lookups?: IngestLookups; heartbeatTimeoutS: number },
): Promise<IngestResult> {
  const lookups = options.lookups ?? createLookups();
  await checkSites(db, key, 'statuses', statuses, lookups);
  await checkSystems(db, 'statuses', statuses, lookups);
  const timeoutMs = options.heartbeatTimeoutS * 1000;
  const byStream = new Map<string, { report: SystemStatusReport; index: number; at: number }[]>();
  for (const [index, report] of statuses.entries()) {
    const k = streamKey(report.systemId, report.siteId ?? null);
    const list = byStream.get(k) ?? [];
    list.push({ report, index, at: Date.parse(report.at) });
    byStream.set(k, list);
  }
  const keys = [...byStream.keys()].sort();
  const accepted = await retryOnConflict(() =>
    db.transaction(async (tx) => {
      const expectations = await loadExpectations(tx, timeoutMs);
      let stored = 0;
      for (const k of keys) {
        await lockStream(tx, k);
        const items = (byStream.get(k) ?? []).sort((a, b) => a.at - b.at);
        const head = items[0]?.report;
        if (!head) continue;
        const hold = holdMs(expectationOf(expectations, head.systemId, head.siteId ?? null, timeoutMs));
        const inOrder = await storeInOrder(
          tx,
          items.map((i) => i.report),
          key.id,
          hold,
        );
        if (inOrder !== null) {
          stored += inOrder;
          continue;
        }
        for (const { report, index } of items) {
          const outcome = await storeReport(tx, report, key.id, hold);
          if (outcome === 'conflict') throw new DomainError('conflict', message(index));
          if (outcome === 'stored') stored++;
        }
      }
      return stored;
    }),
  );
  return { accepted, duplicates: statuses.length - accepted };
}
