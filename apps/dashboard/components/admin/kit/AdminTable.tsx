import type { HTMLAttributes, ReactNode } from 'react';

/**
 * An NHS table of admin records: a visually hidden caption, column headings (an empty heading is a
 * visually hidden "Actions"), a row per record, and in place of the table "Loading…", the error, or
 * `empty` when there are no records (without `empty`, an empty table).
 */
export function AdminTable<T>({
  testId,
  caption,
  columns,
  query,
  rows = query?.data,
  empty,
  bare = false,
  children,
}: {
  testId: string;
  caption: string;
  columns: readonly string[];
  /** The list's query: "Loading…" until it answers, its error if it fails. */
  query?: { data?: readonly T[] | undefined; error: { message: string } | null };
  /** Or the records themselves (drawn at once, empty while loading). */
  rows?: readonly T[] | undefined;
  empty?: string;
  /** Without the scrolling container (a narrow table). */
  bare?: boolean;
  /** One `AdminRow` per record. */
  children(row: T): ReactNode;
}) {
  if (!rows) return <p className="nhsuk-body">{query?.error ? query.error.message : 'Loading…'}</p>;
  if (rows.length === 0 && empty !== undefined) return <p className="nhsuk-body">{empty}</p>;
  const table = (
    <table className="nhsuk-table app-table" data-testid={testId}>
      <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr className="nhsuk-table__row">
          {columns.map((heading, i) => (
            <th className="nhsuk-table__header" scope="col" key={heading || i}>
              {heading || <span className="nhsuk-u-visually-hidden">Actions</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">{rows.map(children)}</tbody>
    </table>
  );
  return bare ? table : <div className="nhsuk-table-container">{table}</div>;
}

/** A record's row: its name as the row header, then its `Cell`s. */
export function AdminRow({
  head,
  children,
  ...row
}: { head: ReactNode; children: ReactNode } & Omit<HTMLAttributes<HTMLTableRowElement>, 'className'>) {
  return (
    <tr className="nhsuk-table__row" {...row}>
      <th className="nhsuk-table__cell" scope="row">
        {head}
      </th>
      {children}
    </tr>
  );
}

/** A cell of an `AdminRow`. */
export function Cell({ className, children }: { className?: string; children?: ReactNode }) {
  return <td className={className ? `nhsuk-table__cell ${className}` : 'nhsuk-table__cell'}>{children}</td>;
}
