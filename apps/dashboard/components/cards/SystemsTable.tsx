'use client';
import type { AvailabilityRow } from '@switchboard/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { exportHref } from '../../lib/exports.ts';
import { duration, percent, ukWhen } from '../../lib/format.ts';
import { type Range, rangeInput, spanLabel } from '../../lib/range.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';
import { ROLLING_REFRESH_MS } from '../../lib/trpc/query-client.ts';
import { StateBand } from '../charts/StateBand.tsx';
import { StateKey } from '../charts/StateKey.tsx';
import { STATE_STYLE } from '../charts/theme.ts';
import { DownloadCsv } from '../DownloadCsv.tsx';
import { NoData } from './Figures.tsx';

const SEVERITY = { down: 0, degraded: 1, unknown: 2, up: 3 } as const;
const byConcern = (a: AvailabilityRow, b: AvailabilityRow) =>
  SEVERITY[a.current] - SEVERITY[b.current] ||
  a.name.localeCompare(b.name) ||
  (a.siteId ?? '').localeCompare(b.siteId ?? '');

/** Why a stream is unknown: "no report since 14:02 (expected every 30 s)", or never reported. */
function silence(row: AvailabilityRow, now: string): string {
  const expected = `expected every ${row.expectedEveryS} s${row.graceS > 0 ? ` + ${row.graceS} s grace` : ''}`;
  return row.lastReportAt
    ? `No heartbeat since ${ukWhen(row.lastReportAt, now)} (${expected})`
    : `No heartbeat received (${expected})`;
}

/** Each system at each site: state now and since when, availability and downtime over the range, timeline. */
export function SystemsTable({
  range,
  siteNames,
  canExport = false,
}: {
  range: Range;
  siteNames: Record<string, string>;
  canExport?: boolean;
}) {
  const trpc = useTRPC();
  const { data, error } = useQuery(
    trpc.systems.availability.queryOptions(rangeInput(range), {
      placeholderData: keepPreviousData,
      refetchInterval: range.kind === 'relative' ? ROLLING_REFRESH_MS : false,
    }),
  );
  if (!data) return <p>{error ? 'The Switchboard API is not answering. Retrying…' : 'Loading…'}</p>;
  const domain: [number, number] = [Date.parse(data.from), Date.parse(data.to)];
  const span = spanLabel(data.from, data.to);
  const cell = 'nhsuk-table__cell';
  const csv = canExport
    ? exportHref('availability', { from: data.from, to: data.to, view: 'summary' })
    : null;
  return (
    <>
      <StateKey label="Key: timeline" />
      <table className="nhsuk-table app-table" data-testid="systems">
        <caption className="nhsuk-table__caption nhsuk-table__caption--m">
          Systems by site <span className="nhsuk-caption-m app-window">Availability over {span}</span>
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            {[
              'System',
              'Site',
              'Now',
              'Since (UK time)',
              'Availability',
              'Down for',
              `Timeline, ${span}`,
            ].map((h) => (
              <th key={h} className="nhsuk-table__header" scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {[...data.rows].sort(byConcern).map((row) => {
            const site = row.siteId === null ? 'National' : (siteNames[row.siteId] ?? row.siteId);
            const style = STATE_STYLE[row.current];
            return (
              <tr
                key={`${row.systemId}-${row.siteId}`}
                className="nhsuk-table__row"
                data-system={row.systemId}
              >
                <th className="nhsuk-table__header" scope="row">
                  {row.name}
                </th>
                <td className={cell}>{site}</td>
                <td className={cell}>
                  <strong className={`nhsuk-tag ${style.tag}`}>{style.label}</strong>
                </td>
                <td className={cell}>
                  {row.since ? ukWhen(row.since, data.to) : <NoData />}
                  {row.current === 'unknown' ? (
                    <span className="nhsuk-body-s app-subline" data-silence>
                      {silence(row, data.to)}
                    </span>
                  ) : null}
                </td>
                <td className={cell}>
                  {row.availabilityPct === null ? <NoData /> : percent(row.availabilityPct)}
                  {row.unknownMs > 0 ? (
                    <span className="nhsuk-body-s"> ({duration(row.unknownMs)} unknown)</span>
                  ) : null}
                </td>
                <td className={cell}>
                  {row.downMs > 0 ? duration(row.downMs) : 'Not down'}
                  {row.maintenanceMs ? (
                    <span className="nhsuk-body-s app-subline">
                      {duration(row.maintenanceMs)} planned maintenance
                      {row.downMs > 0
                        ? `; ${duration(row.unplannedDownMs ?? row.downMs)} down outside it`
                        : ''}
                    </span>
                  ) : null}
                </td>
                <td className={cell}>
                  <StateBand
                    intervals={row.intervals}
                    domain={domain}
                    width={280}
                    height={18}
                    label={`${row.name} at ${site}: ${style.label.toLowerCase()} now; down for ${duration(row.downMs)} over ${span}${row.maintenance?.length ? '; planned maintenance shown' : ''}`}
                    maintenance={row.maintenance}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <DownloadCsv what="system availability" href={csv} />
    </>
  );
}
