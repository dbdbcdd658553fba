import type { AvailabilityRow } from '@switchboard/contracts';
import { duration, ukDay, ukTime } from '../../lib/format.ts';
import { STATE_STYLE } from './theme.ts';

/** The availability strip as a table: every period of every system, in UK time. */
export function AvailabilityTable({ rows, caption }: { rows: AvailabilityRow[]; caption: string }) {
  return (
    <details className="nhsuk-details">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Show as table</span>
      </summary>
      <div className="nhsuk-details__text">
        <table className="nhsuk-table app-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--s">{caption}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              {['System', 'State', 'From (UK time)', 'To (UK time)', 'Duration'].map((h) => (
                <th key={h} className="nhsuk-table__header" scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {rows.flatMap((row) =>
              row.intervals.map((i) => (
                <tr key={`${row.systemId}-${row.siteId}-${i.from}`} className="nhsuk-table__row">
                  <th className="nhsuk-table__header" scope="row">
                    {row.name}
                    {row.siteId === null ? ' (national)' : ''}
                  </th>
                  <td className="nhsuk-table__cell">{STATE_STYLE[i.status].label}</td>
                  <td className="nhsuk-table__cell">
                    {ukDay(i.from)} {ukTime(i.from)}
                  </td>
                  <td className="nhsuk-table__cell">
                    {ukDay(i.to)} {ukTime(i.to)}
                  </td>
                  <td className="nhsuk-table__cell">{duration(Date.parse(i.to) - Date.parse(i.from))}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </details>
  );
}
