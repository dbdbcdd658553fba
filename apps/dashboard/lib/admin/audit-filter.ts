import { ukLocalToMs } from '../range.ts';

/** The audit log's filter, as the page's address carries it (dates are UK calendar days). */
export interface AuditFilter {
  actor: string;
  action: string;
  from: string;
  to: string;
  before: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export function auditFilterFromParams(params: Record<string, string | string[] | undefined>): AuditFilter {
  const text = (name: string) => one(params[name]).trim().slice(0, 200);
  return {
    actor: text('actor'),
    action: text('action'),
    from: text('from'),
    to: text('to'),
    before: text('before'),
  };
}

/** The `admin.audit.list` input: from the start of the `from` day to the end of the `to` day, UK time. */
export function auditInput(filter: AuditFilter, limit = 50) {
  const from = DAY.test(filter.from) ? ukLocalToMs(`${filter.from}T00:00`) : null;
  const to = DAY.test(filter.to) ? ukLocalToMs(`${filter.to}T00:00`) : null;
  return {
    limit,
    ...(filter.actor ? { actor: filter.actor } : {}),
    ...(filter.action ? { action: filter.action } : {}),
    ...(from !== null ? { from: new Date(from).toISOString() } : {}),
    // The end of the `to` day is the start of the next (25 or 23 h days included).
    ...(to !== null ? { to: new Date(nextUkMidnight(filter.to, to)).toISOString() } : {}),
    ...(/^\d{1,15}$/.test(filter.before) && Number(filter.before) > 0
      ? { before: Number(filter.before) }
      : {}),
  };
}

function nextUkMidnight(day: string, start: number): number {
  const next = new Date(`${day}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return ukLocalToMs(`${next.toISOString().slice(0, 10)}T00:00`) ?? start + 86_400_000;
}

/** The address of the audit page for a filter. */
export function auditHref(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/admin/audit?${query}` : '/admin/audit';
}
