import type { FieldError } from '../components/forms/ErrorSummary.tsx';
import { exportHref } from './exports.ts';
import { ukLocalToMs } from './range.ts';

export const EXPORT_KINDS = [
  { value: 'iuc-adc', label: 'IUC ADC return (long format, one row per site, period and item)' },
  { value: 'intervals', label: 'Intervals (every measure per interval, as on the charts)' },
  { value: 'availability', label: 'System availability' },
  { value: 'calls', label: 'Call events (raw, one site)' },
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number]['value'];

export interface ExportForm {
  kind: ExportKind;
  /** UK calendar dates, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  period: 'day' | 'month';
  interval: '15m' | '1h' | '1d';
  view: 'summary' | 'intervals';
  bySite: boolean;
  /** Site ids; empty = every site you may see (calls need exactly one). */
  sites: string[];
  profile: 'excel' | 'raw';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const nextDay = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** The form checked, and the export's dashboard URL: UK days from 00:00 on `from` to 00:00 after `to`. */
export function exportFormHref(form: ExportForm): { href: string } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const from = DATE.test(form.from) ? ukLocalToMs(`${form.from}T00:00`) : null;
  const to = DATE.test(form.to) ? ukLocalToMs(`${nextDay(form.to)}T00:00`) : null;
  if (from === null) errors.push({ field: 'export-from', message: 'Enter the first day, like 2026-11-01' });
  if (to === null) errors.push({ field: 'export-to', message: 'Enter the last day, like 2026-11-30' });
  if (from !== null && to !== null && to <= from)
    errors.push({ field: 'export-to', message: 'The last day must be on or after the first day' });
  if (form.kind === 'calls' && form.sites.length !== 1)
    errors.push({ field: 'export-sites', message: 'Choose one site for the call events' });
  if (errors.length > 0 || from === null || to === null) return { errors };
  const range = { from: new Date(from).toISOString(), to: new Date(to).toISOString(), profile: form.profile };
  const siteIds = form.sites;
  switch (form.kind) {
    case 'iuc-adc':
      return { href: exportHref('iuc-adc', { ...range, siteIds, period: form.period }) };
    case 'intervals':
      return {
        href: exportHref('intervals', { ...range, siteIds, interval: form.interval, bySite: form.bySite }),
      };
    case 'availability':
      return { href: exportHref('availability', { ...range, siteIds, view: form.view }) };
    case 'calls':
      return { href: exportHref('calls', { ...range, siteIds }) };
  }
}
