'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { exportHref } from '../../lib/exports.ts';
import { spanLabel } from '../../lib/range.ts';
import { nextSort, SORT_COLUMNS, type SortDirection, type SortKey, sortSites } from '../../lib/sort.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ROLLING_REFRESH_MS } from '../../lib/trpc/query-client.ts';
import { DownloadCsv } from '../DownloadCsv.tsx';
import { OverviewRow } from './OverviewRow.tsx';
import { SortHeader } from './SortHeader.tsx';

const NOW_COLUMNS: SortKey[] = ['callsWaiting', 'longestWait', 'agents'];
const WINDOW_COLUMNS: SortKey[] = ['offered', 'within60', 'abandoned30', 'abandonedAll', 'mean', 'p95'];
const group = 'nhsuk-table__header';

/** Every site at a glance: sortable, red/amber/green in words, stale feeds said plainly. */
export function OverviewTable({ canExport = false }: { canExport?: boolean }) {
  const trpc = useTRPC();
  const { data, error } = useQuery(
    trpc.metrics.overview.queryOptions(undefined, { refetchInterval: ROLLING_REFRESH_MS }),
  );
  const opel = useQuery(
    trpc.incidents.opel.current.queryOptions(undefined, { refetchInterval: ROLLING_REFRESH_MS }),
  );
  const paper = useQuery(
    trpc.incidents.paper.list.queryOptions({ openOnly: true }, { refetchInterval: ROLLING_REFRESH_MS }),
  );
  const [sort, setSort] = useState<{ key: SortKey; direction: SortDirection }>({
    key: 'name',
    direction: 'ascending',
  });
  if (!data) {
    return (
      <p className="nhsuk-body">{error ? 'The Switchboard API is not answering. Retrying…' : 'Loading…'}</p>
    );
  }
  const first = data.sites[0]?.last60m;
  const span = first ? spanLabel(first.from, first.to) : 'last 60 min';
  const onSort = (key: SortKey) => setSort((current) => nextSort(current, key));
  const header = (key: SortKey, rowSpan?: number) => (
    <SortHeader
      key={key}
      column={key}
      sort={sort}
      onSort={onSort}
      numeric={SORT_COLUMNS[key].figure}
      rowSpan={rowSpan}
    >
      {SORT_COLUMNS[key].label}
    </SortHeader>
  );
  // Every site's last 60 min, a row per site and 5-minute interval (the overview's call figures).
  const csv =
    canExport && first
      ? exportHref('intervals', { from: first.from, to: first.to, interval: '5m', bySite: true })
      : null;
  return (
    <div className="nhsuk-table-container">
      <table className="nhsuk-table nhsuk-table--sortable app-table" data-testid="overview">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m">
          NHS 111 sites
          <span className="nhsuk-caption-m app-window">
            Queue figures from the latest snapshot; call figures for the last 60 min ({span}); OPEL level as
            last set by a manager.
          </span>
          <span className="nhsuk-u-visually-hidden"> Column headers are sortable buttons.</span>
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row app-table__group">
            <td className={group} aria-hidden="true" />
            <th className={group} scope="colgroup" colSpan={3}>
              Now
            </th>
            <th className={group} scope="colgroup" colSpan={7}>
              Last 60 min
            </th>
            <td className={group} aria-hidden="true" />
          </tr>
          <tr className="nhsuk-table__row">
            {header('name')}
            {NOW_COLUMNS.map((key) => header(key))}
            {WINDOW_COLUMNS.map((key) => header(key))}
            <th className="nhsuk-table__header" scope="col">
              Mean answer time, by minute
            </th>
            {header('systems')}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {sortSites(data.sites, sort.key, sort.direction).map((site) => (
            <OverviewRow
              key={site.siteId}
              site={site}
              now={data.asOf}
              query=""
              opel={opel.data?.find((o) => o.siteId === site.siteId)}
              paperSince={paper.data?.find((p) => p.siteId === site.siteId)?.startedAt}
            />
          ))}
        </tbody>
      </table>
      <DownloadCsv what="every site's calls, in 5-minute intervals" href={csv} />
    </div>
  );
}
