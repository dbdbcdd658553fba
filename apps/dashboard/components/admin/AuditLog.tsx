'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { type AuditFilter, auditHref, auditInput } from '../../lib/admin/audit-filter.ts';
import { ukDateTime } from '../../lib/format-date.ts';
import { useTRPC } from '../../lib/trpc/client.tsx';

/**
 * The audit log: who did what, when, from which address, newest first; filtered by actor, action and UK
 * days (a plain GET form, so a filtered view is a link to share).
 */
export function AuditLog({ filter }: { filter: AuditFilter }) {
  const trpc = useTRPC();
  const log = useQuery(trpc.admin.audit.list.queryOptions(auditInput(filter)));
  return (
    <>
      <form method="get" action="/admin/audit" aria-label="Filter the audit log">
        <div className="app-admin-form">
          <Field id="actor" label="Who" hint="Email, display or key" value={filter.actor} />
          <Field id="action" label="Action" hint="For example user.invite" value={filter.action} />
          <Field id="from" label="From (UK day)" type="date" value={filter.from} />
          <Field id="to" label="To (UK day)" type="date" value={filter.to} />
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Filter
          </button>
        </div>
      </form>
      {log.data ? (
        log.data.entries.length === 0 ? (
          <p className="nhsuk-body">No entries match.</p>
        ) : (
          <div className="nhsuk-table-container">
            <table className="nhsuk-table app-table" data-testid="audit">
              <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">
                Audit entries, newest first
              </caption>
              <thead className="nhsuk-table__head">
                <tr className="nhsuk-table__row">
                  <th className="nhsuk-table__header" scope="col">
                    When (UK time)
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Who
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Action
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    On
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    Detail
                  </th>
                  <th className="nhsuk-table__header" scope="col">
                    From address
                  </th>
                </tr>
              </thead>
              <tbody className="nhsuk-table__body">
                {log.data.entries.map((entry) => (
                  <tr className="nhsuk-table__row" key={entry.id} data-action={entry.action}>
                    <td className="nhsuk-table__cell">{ukDateTime(entry.at)}</td>
                    <td className="nhsuk-table__cell">{entry.actor}</td>
                    <td className="nhsuk-table__cell">{entry.action}</td>
                    <td className="nhsuk-table__cell">{entry.target ?? '—'}</td>
                    <td className="nhsuk-table__cell">{detailText(entry.detail)}</td>
                    <td className="nhsuk-table__cell">{entry.address ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      ) : (
        <p className="nhsuk-body">{log.error ? log.error.message : 'Loading…'}</p>
      )}
      {log.data?.next ? (
        <p className="nhsuk-body">
          <Link href={auditHref({ ...filter, before: String(log.data.next) })}>Older entries</Link>
        </p>
      ) : null}
      {filter.before ? (
        <p className="nhsuk-body">
          <Link href={auditHref({ ...filter, before: '' })}>Newest entries</Link>
        </p>
      ) : null}
    </>
  );
}

function Field({
  id,
  label,
  hint,
  value,
  type = 'text',
}: {
  id: string;
  label: string;
  hint?: string;
  value: string;
  type?: string;
}) {
  return (
    <div className="nhsuk-form-group">
      <label className="nhsuk-label" htmlFor={`audit-${id}`}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`audit-${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <input
        className="nhsuk-input nhsuk-input--width-20"
        id={`audit-${id}`}
        name={id}
        type={type}
        defaultValue={value}
        aria-describedby={hint ? `audit-${id}-hint` : undefined}
      />
    </div>
  );
}

/** An entry's detail in one line. */
function detailText(detail: unknown): string {
  if (detail === null || detail === undefined || detail === '') return '—';
  if (typeof detail === 'string') return detail;
  return Object.entries(detail as Record<string, unknown>)
    .map(
      ([key, value]) =>
        `${key}: ${Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : JSON.stringify(value)}`,
    )
    .join('; ');
}
