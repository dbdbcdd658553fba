'use client';
import { MANUAL_TALLY_MEASURES, type ManualTallyMeasure } from '@switchboard/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { actorLabel, count, ukDay, ukTime } from '../../lib/format.ts';
import { recentHours, TALLY_LABEL, talliesByHour } from '../../lib/tallies.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';

const DAYS = 7;
const MANUAL = <strong className="nhsuk-tag nhsuk-tag--purple app-manual">Manual</strong>;

/**
 * Manual tallies (counts kept on paper, per hour) for a site over the last 7 days: totals as tiles and a
 * table by hour, every figure marked manual and kept apart from the telephony figures; managers enter them.
 */
export function TalliesPanel({ siteId, canOperate }: { siteId: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const [now] = useState(() => Date.now());
  const to = new Date(Math.ceil(now / 3_600_000) * 3_600_000 + 3_600_000).toISOString();
  const from = new Date(Date.parse(to) - DAYS * 86_400_000).toISOString();
  const { data } = useQuery(trpc.incidents.tallies.list.queryOptions({ siteIds: [siteId], from, to }));
  const rows = talliesByHour(data ?? []);
  const totals = MANUAL_TALLY_MEASURES.map((m) => ({
    measure: m,
    total: (data ?? []).filter((t) => t.measure === m).reduce((sum, t) => sum + t.count, 0),
    hours: (data ?? []).filter((t) => t.measure === m).length,
  }));
  return (
    <section aria-labelledby="tallies-title" data-testid="tallies">
      <h2 className="nhsuk-heading-m" id="tallies-title">
        Manual tallies <span className="nhsuk-caption-m app-window">from paper logs, last {DAYS} days</span>
      </h2>
      <p className="nhsuk-body-s">
        Counted by hand while the site works on paper. They are not telephony figures and are never added to
        them.
      </p>
      {canOperate ? <TallyForm siteId={siteId} now={now} /> : null}
      {rows.length === 0 ? (
        <p className="nhsuk-body">No manual tallies entered in the last {DAYS} days.</p>
      ) : (
        <>
          <ul className="app-tiles" data-testid="tally-tiles">
            {totals.map((t) => (
              <li key={t.measure} className="app-tile">
                <span className="nhsuk-body-s">
                  {TALLY_LABEL[t.measure]} ({t.hours} h entered)
                </span>
                <span className="app-tile__value">
                  {t.hours === 0 ? (
                    <>
                      <span aria-hidden="true">—</span>
                      <span className="nhsuk-u-visually-hidden">none entered</span>
                    </>
                  ) : (
                    <>
                      <span className="app-figure">{count(t.total)}</span> {MANUAL}
                    </>
                  )}
                </span>
              </li>
            ))}
          </ul>
          <div className="nhsuk-table-container">
            <table className="nhsuk-table app-table" data-testid="tally-table">
              <caption className="nhsuk-table__caption nhsuk-table__caption--s">
                Manual tallies by hour (UK time), newest first
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th className="nhsuk-table__header" scope="col">
                    Hour
                  </th>
                  {MANUAL_TALLY_MEASURES.map((m) => (
                    <th key={m} className="nhsuk-table__header nhsuk-table__header--numeric" scope="col">
                      {TALLY_LABEL[m]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {rows.map((row) => (
                  <tr key={row.hourStart} className="nhsuk-table__row">
                    <th className="nhsuk-table__header" scope="row">
                      {ukDay(row.hourStart)} {ukTime(row.hourStart)}–
                      {ukTime(Date.parse(row.hourStart) + 3_600_000)}
                    </th>
                    {MANUAL_TALLY_MEASURES.map((m) => {
                      const e = row.entries[m];
                      return (
                        <td
                          key={m}
                          className="nhsuk-table__cell nhsuk-table__cell--numeric"
                          data-measure={m}
                          data-manual={e ? 'true' : undefined}
                        >
                          {e ? (
                            <>
                              <span className="app-figure">{count(e.count)}</span> {MANUAL}
                              {e.corrected ? (
                                <span className="nhsuk-body-s">
                                  {' '}
                                  (corrected by {actorLabel(e.enteredBy)})
                                </span>
                              ) : null}
                            </>
                          ) : (
                            <>
                              <span aria-hidden="true">—</span>
                              <span className="nhsuk-u-visually-hidden">not entered</span>
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function TallyForm({ siteId, now }: { siteId: string; now: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hours = recentHours(now);
  const [hourStart, setHourStart] = useState(hours[1] ?? '');
  const [measure, setMeasure] = useState<ManualTallyMeasure>('calls_handled');
  const [value, setValue] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const enter = useMutation(
    trpc.incidents.tallies.enter.mutationOptions({
      onSuccess: async (result) => {
        setDone(
          result.corrected ? 'Correction saved (the earlier figure is kept in the audit log).' : 'Saved.',
        );
        setValue('');
        await queryClient.invalidateQueries();
      },
    }),
  );
  const n = Number(value);
  const valid = value.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 100_000;
  return (
    <form
      className="nhsuk-u-margin-bottom-5"
      onSubmit={(e) => {
        e.preventDefault();
        setDone(null);
        if (valid) enter.mutate({ siteId, hourStart, measure, count: n });
      }}
    >
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="tally-hour">
          Hour (UK time)
        </label>
        <select
          className="nhsuk-select"
          id="tally-hour"
          value={hourStart}
          onChange={(e) => setHourStart(e.target.value)}
        >
          {hours.map((h) => (
            <option key={h} value={h}>
              {ukDay(h)} {ukTime(h)}–{ukTime(Date.parse(h) + 3_600_000)}
            </option>
          ))}
        </select>
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="tally-measure">
          What was counted
        </label>
        <select
          className="nhsuk-select"
          id="tally-measure"
          value={measure}
          onChange={(e) => setMeasure(e.target.value as ManualTallyMeasure)}
        >
          {MANUAL_TALLY_MEASURES.map((m) => (
            <option key={m} value={m}>
              {TALLY_LABEL[m]}
            </option>
          ))}
        </select>
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="tally-count">
          Count
        </label>
        <div className="nhsuk-hint" id="tally-count-hint">
          A whole number from the paper log. Entering an hour again corrects it.
        </div>
        <input
          className="nhsuk-input nhsuk-input--width-5"
          id="tally-count"
          inputMode="numeric"
          aria-describedby="tally-count-hint"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </div>
      {value.trim() !== '' && !valid ? (
        <p className="nhsuk-error-message">Count: enter a whole number from 0 to 100,000</p>
      ) : null}
      {enter.error ? <p className="nhsuk-error-message">{enter.error.message}</p> : null}
      <button
        type="submit"
        className="nhsuk-button nhsuk-button--secondary"
        disabled={!valid || enter.isPending}
      >
        Enter tally
      </button>
      {done ? (
        <p className="nhsuk-body-s" role="status">
          {done}
        </p>
      ) : null}
    </form>
  );
}
