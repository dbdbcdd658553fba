import { describe, expect, it } from 'vitest';
import {
  AVAILABILITY_INTERVAL_COLUMNS,
  AVAILABILITY_SUMMARY_COLUMNS,
  availabilityExportInput,
  CALL_COLUMNS,
  callsExportInput,
  EXPORT_PROFILES,
  formatIssues,
  INTERVAL_FIELDS,
  IUC_ADC_COLUMNS,
  IUC_ADC_PERIODS,
  intervalColumns,
  intervalsExportInput,
  iucAdcExportInput,
  PERIOD_START_COLUMNS,
  snakeCase,
} from '../src/index.ts';

// CSV exports: the columns each writes, in order, and the query strings they take (every value is text).
type Parsed = { success: boolean; error?: { issues: Parameters<typeof formatIssues>[0] } };
const message = (result: Parsed) => (result.success ? 'accepted' : formatIssues(result.error?.issues ?? []));
const names = (cols: { name: string }[]) => cols.map((c) => c.name);
const range = { from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' };
const DAY = 86_400_000;

describe('columns', () => {
  it('snake_case splits words and a number after a word', () => {
    expect(snakeCase('answeredWithin60sPct')).toBe('answered_within_60s_pct');
    expect(snakeCase('p95AnswerMs')).toBe('p95_answer_ms');
    expect(snakeCase('offered')).toBe('offered');
    expect(snakeCase('abandonedAfter30s')).toBe('abandoned_after_30s');
    expect(snakeCase('queueDepthMax')).toBe('queue_depth_max');
  });

  it('the intervals export: period start, the site when by site, the fields, then completeness', () => {
    const start = ['period_start_utc', 'period_start_local', 'utc_offset'];
    expect(names(PERIOD_START_COLUMNS)).toEqual(start);
    expect(PERIOD_START_COLUMNS.map((c) => c.kind)).toEqual(['utc', 'local', 'offset']);
    const fields = INTERVAL_FIELDS.map(snakeCase);
    expect(names(intervalColumns(false))).toEqual([...start, ...fields, 'data_complete']);
    expect(names(intervalColumns(true))).toEqual([
      ...start,
      'site_id',
      'site_name',
      ...fields,
      'data_complete',
    ]);
    const kinds = Object.fromEntries(intervalColumns(true).map((c) => [c.name, c.kind]));
    expect(kinds.site_id).toBe('text');
    expect(kinds.site_name).toBe('text');
    expect(kinds.offered).toBe('number');
    expect(kinds.p95_answer_ms).toBe('number');
    expect(kinds.data_complete).toBe('bool');
    expect(INTERVAL_FIELDS).toHaveLength(15);
    expect(INTERVAL_FIELDS[0]).toBe('offered');
    expect(INTERVAL_FIELDS.at(-1)).toBe('agentsAvailable');
  });

  it('the IUC ADC export starts with the nine national columns', () => {
    expect(names(IUC_ADC_COLUMNS).slice(0, 9)).toEqual([
      'REPORTING_PERIOD',
      'REGION_CODE',
      'REGION_NAME',
      'ORG_CODE',
      'ORG_NAME',
      'CONTRACT_CODE',
      'CONTRACT_NAME',
      'ITEM_NUMBER',
      'VALUE',
    ]);
    expect(IUC_ADC_COLUMNS.find((c) => c.name === 'VALUE')?.kind).toBe('number');
    expect(names(IUC_ADC_COLUMNS).slice(9)).toEqual([
      'SITE_ID',
      'PERIOD_START_UTC',
      'PERIOD_START_LOCAL',
      'UTC_OFFSET',
      'PERIOD_END_UTC',
      'DATA_COMPLETE',
    ]);
    expect(IUC_ADC_COLUMNS.map((c) => c.kind).slice(9)).toEqual([
      'text',
      'utc',
      'local',
      'offset',
      'utc',
      'bool',
    ]);
  });

  it('availability and call columns', () => {
    expect(names(AVAILABILITY_INTERVAL_COLUMNS)).toEqual([
      'system_id',
      'system_name',
      'site_id',
      'status',
      'period_start_utc',
      'period_start_local',
      'utc_offset',
      'period_end_utc',
      'period_end_local',
      'duration_s',
    ]);
    expect(AVAILABILITY_INTERVAL_COLUMNS.at(-1)?.kind).toBe('number');
    expect(names(AVAILABILITY_SUMMARY_COLUMNS)).toEqual([
      'system_id',
      'system_name',
      'site_id',
      'period_start_utc',
      'period_start_local',
      'utc_offset',
      'period_end_utc',
      'availability_pct',
      'down_s',
      'degraded_s',
      'unknown_s',
      'current_status',
      'maintenance_s',
      'planned_down_s',
      'unplanned_down_s',
    ]);
    expect(AVAILABILITY_SUMMARY_COLUMNS.map((c) => c.kind).slice(7)).toEqual([
      'number',
      'number',
      'number',
      'number',
      'text',
      'number',
      'number',
      'number',
    ]);
    expect(names(CALL_COLUMNS)).toEqual([
      'site_id',
      'call_id',
      'kind',
      'at_utc',
      'at_local',
      'utc_offset',
      'wait_ms',
      'queue',
      'agent_id',
    ]);
    expect(CALL_COLUMNS.map((c) => c.kind)).toEqual([
      'text',
      'text',
      'text',
      'utc',
      'local',
      'offset',
      'number',
      'text',
      'text',
    ]);
  });
});

describe('query strings', () => {
  it('intervals: interval required, bySite a flag, profile excel by default', () => {
    expect(intervalsExportInput.parse({ ...range, interval: '1h' })).toEqual({
      ...range,
      interval: '1h',
      siteIds: [],
      bySite: false,
      profile: 'excel',
    });
    const flag = (bySite: string) => intervalsExportInput.parse({ ...range, interval: '1h', bySite }).bySite;
    expect([flag('1'), flag('true'), flag('0'), flag('false')]).toEqual([true, true, false, false]);
    expect(message(intervalsExportInput.safeParse({ ...range, interval: '1h', bySite: 'yes' }))).toBe(
      'bySite: must be 1 or 0',
    );
    expect(message(intervalsExportInput.safeParse({ ...range, interval: '2h' }))).toBe(
      'interval: must be one of 1m, 5m, 15m, 1h, 1d',
    );
    expect(EXPORT_PROFILES).toEqual(['excel', 'raw']);
    expect(intervalsExportInput.parse({ ...range, interval: '1h', profile: 'raw' }).profile).toBe('raw');
    expect(message(intervalsExportInput.safeParse({ ...range, interval: '1h', profile: 'csv' }))).toBe(
      'profile: must be one of excel, raw',
    );
  });

  it('site lists are comma-separated, empty parts dropped, at most 200', () => {
    const sites = (siteIds: string) => callsExportInput.safeParse({ ...range, siteIds });
    expect(callsExportInput.parse({ ...range, siteIds: 'leeds,,york,' }).siteIds).toEqual(['leeds', 'york']);
    expect(callsExportInput.parse({ ...range, siteIds: '' }).siteIds).toEqual([]);
    const many = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`).join(',');
    expect(sites(many(200)).success).toBe(true);
    expect(message(sites(many(201)))).toBe('siteIds: at most 200 sites');
    expect(message(sites('leeds,bad id'))).toMatch(/^siteIds\[1\]: siteIds may contain only/);
    expect(message(sites('x'.repeat(200 * 65 + 1)))).toBe('siteIds: lists too many sites');
    expect(message(callsExportInput.safeParse({ ...range, colour: 'red' }))).toBe(
      '(input): unknown field(s) "colour"',
    );
  });

  it('ranges: "to" after "from", at most 400 days, instants with an offset', () => {
    const span = (ms: number) =>
      message(
        callsExportInput.safeParse({
          from: range.from,
          to: new Date(Date.parse(range.from) + ms).toISOString(),
        }),
      );
    expect(span(0)).toBe('to: must be after "from"');
    expect(span(-1000)).toBe('to: must be after "from"');
    expect(span(1000)).toBe('accepted');
    expect(span(400 * DAY)).toBe('accepted');
    expect(span(400 * DAY + 1000)).toBe('to: the range may be at most 400 days');
    expect(message(callsExportInput.safeParse({ ...range, from: '2026-01-01' }))).toBe(
      'from: must be an ISO 8601 timestamp with an offset',
    );
    expect(message(intervalsExportInput.safeParse({ ...range, to: range.from, interval: '1h' }))).toBe(
      'to: must be after "from"',
    );
    expect(message(iucAdcExportInput.safeParse({ ...range, to: range.from }))).toBe(
      'to: must be after "from"',
    );
    expect(message(availabilityExportInput.safeParse({ from: range.from, to: '2027-06-01T00:00:00Z' }))).toBe(
      'to: the range may be at most 400 days',
    );
  });

  it('IUC ADC: by day or month, month by default', () => {
    expect(IUC_ADC_PERIODS).toEqual(['day', 'month']);
    expect(iucAdcExportInput.parse(range)).toEqual({
      ...range,
      siteIds: [],
      period: 'month',
      profile: 'excel',
    });
    expect(iucAdcExportInput.parse({ ...range, period: 'day' }).period).toBe('day');
    expect(message(iucAdcExportInput.safeParse({ ...range, period: 'week' }))).toBe(
      'period: must be day or month',
    );
  });

  it('availability: system lists like site lists; intervals or summary, intervals by default', () => {
    expect(availabilityExportInput.parse(range)).toEqual({
      ...range,
      siteIds: [],
      systemIds: [],
      view: 'intervals',
      profile: 'excel',
    });
    expect(availabilityExportInput.parse({ ...range, systemIds: 'cas,,ev', view: 'summary' })).toMatchObject({
      systemIds: ['cas', 'ev'],
      view: 'summary',
    });
    const many = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`).join(',');
    expect(availabilityExportInput.safeParse({ ...range, systemIds: many(200) }).success).toBe(true);
    expect(message(availabilityExportInput.safeParse({ ...range, systemIds: many(201) }))).toBe(
      'systemIds: at most 200 systems',
    );
    expect(availabilityExportInput.safeParse({ ...range, systemIds: 'x'.repeat(200 * 65 + 1) }).success).toBe(
      false,
    );
    expect(message(availabilityExportInput.safeParse({ ...range, systemIds: 'a b' }))).toMatch(
      /^systemIds\[0\]: systemIds may contain only/,
    );
    expect(message(availabilityExportInput.safeParse({ ...range, view: 'chart' }))).toBe(
      'view: must be intervals or summary',
    );
  });
});
