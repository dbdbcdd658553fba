'use client';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ukDateTime } from '../../../lib/format-date.ts';
import { useTRPC } from '../../../lib/trpc/client.tsx';

const STATE_TEXT: Record<string, string> = { firing: 'Firing', resolved: 'Resolved' };

/** The last 50 delivery attempts (or failures only), newest first, refreshed every 15 s. */
export function DeliveryLog() {
  const trpc = useTRPC();
  const [failedOnly, setFailedOnly] = useState(false);
  const log = useQuery({
    ...trpc.alerts.deliveries.queryOptions({ limit: 50, failedOnly }),
    refetchInterval: 15_000,
  });
  return (
    <section aria-labelledby="log-heading">
      <h2 className="nhsuk-heading-m" id="log-heading">
        Delivery log
      </h2>
      <p className="nhsuk-body-s">
        Every attempt to send an alert, the last 50 shown; failed attempts are retried with back-off (4
        attempts at most). Kept for 30 days.
      </p>
      <div className="nhsuk-checkboxes nhsuk-checkboxes--small nhsuk-u-margin-bottom-3">
        <div className="nhsuk-checkboxes__item">
          <input
            className="nhsuk-checkboxes__input"
            id="log-failed"
            type="checkbox"
            checked={failedOnly}
            onChange={(e) => setFailedOnly(e.target.checked)}
          />
          <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="log-failed">
            Failures only
          </label>
        </div>
      </div>
      {log.data?.entries.length === 0 ? (
        <p className="nhsuk-body">Nothing sent yet.</p>
      ) : log.data ? (
        <div className="nhsuk-table-container">
          <table className="nhsuk-table app-table" data-testid="delivery-log">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Delivery log</caption>
            <thead className="nhsuk-table__head">
              <tr className="nhsuk-table__row">
                {['When', 'Channel', 'Alert', 'Attempt', 'Result'].map((h) => (
                  <th className="nhsuk-table__header" scope="col" key={h}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="nhsuk-table__body">
              {log.data.entries.map((entry) => (
                <tr className="nhsuk-table__row" key={entry.id} data-status={entry.status}>
                  <td className="nhsuk-table__cell">{ukDateTime(entry.at)}</td>
                  <td className="nhsuk-table__cell">
                    {entry.channelName ?? `#${entry.channelId} (deleted)`}
                  </td>
                  <td className="nhsuk-table__cell" data-subject={entry.subject ?? undefined}>
                    {entry.state === 'test'
                      ? 'Test'
                      : `${STATE_TEXT[entry.state] ?? entry.state}: ${entry.description ?? entry.subject ?? '—'}`}
                  </td>
                  <td className="nhsuk-table__cell">{entry.attempt}</td>
                  <td className="nhsuk-table__cell">
                    {entry.status === 'sent' ? (
                      <strong className="nhsuk-tag nhsuk-tag--green">Sent</strong>
                    ) : (
                      <>
                        <strong className="nhsuk-tag nhsuk-tag--red">Failed</strong>{' '}
                        <span className="nhsuk-body-s">{entry.error}</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="nhsuk-body">{log.error ? log.error.message : 'Loading…'}</p>
      )}
    </section>
  );
}
