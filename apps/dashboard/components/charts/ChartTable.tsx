'use client';
import { useState } from 'react';
import { ukDay, ukTime } from '../../lib/format.ts';
import type { ChartRow } from '../../lib/series.ts';
import type { SeriesSpec } from './TimeSeriesChart.tsx';

/** The chart's figures as a table (opened on demand), for keyboard and screen reader users. */
export function ChartTable({
  caption,
  rows,
  series,
}: {
  caption: string;
  rows: ChartRow[];
  series: SeriesSpec[];
}) {
  const [open, setOpen] = useState(false);
  return (
    <details className="nhsuk-details" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Show as table</span>
      </summary>
      <div className="nhsuk-details__text">
        {open ? (
          <table className="nhsuk-table app-table">
            <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                <th className="nhsuk-table__header" scope="col">
                  Interval from (UK time)
                </th>
                {series.map((s) => (
                  <th key={s.key} className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {rows.map((row) => (
                <tr key={row.t} className="nhsuk-table__row">
                  <th className="nhsuk-table__header" scope="row">
                    {ukDay(row.t)} {ukTime(row.t)}
                  </th>
                  {series.map((s) => {
                    const value = row[s.key];
                    return (
                      <td key={s.key} className="nhsuk-table__cell nhsuk-table__cell--numeric">
                        {value === null ? (s.empty ?? 'no data') : s.format(value)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>
    </details>
  );
}
