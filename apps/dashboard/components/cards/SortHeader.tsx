import type { ReactNode } from 'react';
import type { SortDirection, SortKey } from '../../lib/sort.ts';

interface Props {
  column: SortKey;
  sort: { key: SortKey; direction: SortDirection };
  onSort: (key: SortKey) => void;
  numeric?: boolean;
  rowSpan?: number;
  children: ReactNode;
}

/** A sortable column header (nhsuk-frontend's sortable table markup): a button, with aria-sort when active. */
export function SortHeader({ column, sort, onSort, numeric, rowSpan, children }: Props) {
  const active = sort.key === column;
  return (
    <th
      className={`nhsuk-table__header${numeric ? ' nhsuk-table__header--numeric' : ''}`}
      scope="col"
      rowSpan={rowSpan}
      data-sort=""
      aria-sort={active ? sort.direction : 'none'}
    >
      <button type="button" className="nhsuk-link" onClick={() => onSort(column)} data-sort-key={column}>
        {children}
      </button>
    </th>
  );
}
