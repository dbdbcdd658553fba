import { describe, expect, it } from 'vitest';
import {
  formatIssues,
  INCIDENT_STAGES,
  INCIDENT_STATUS_FILTERS,
  INCIDENT_TYPES,
  incidentDeclareInput,
  incidentIdInput,
  incidentListInput,
  incidentUpdateInput,
  MANUAL_TALLY_MEASURES,
  OPEN_STAGES,
  opelHistoryInput,
  opelSetInput,
  paperEndInput,
  paperListInput,
  paperStartInput,
  suspectedOutagesInput,
  tallyEnterInput,
  tallyListInput,
} from '../src/index.ts';

// Incident, paper-running, tally and OPEL inputs: EPRR types and levels, the stage flow, and their bounds.
type Parsed = { success: boolean; error?: { issues: Parameters<typeof formatIssues>[0] } };
const message = (result: Parsed) => (result.success ? 'accepted' : formatIssues(result.error?.issues ?? []));
const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
const startedAt = '2026-01-01T09:00:00Z';

describe('vocabulary', () => {
  it('EPRR types, the stages in order, the open ones, and the tally measures', () => {
    expect(INCIDENT_TYPES).toEqual(['business_continuity', 'critical', 'major']);
    expect(INCIDENT_STAGES).toEqual([
      'declared',
      'active',
      'monitoring',
      'stood_down',
      'closed',
      'cancelled',
    ]);
    expect(OPEN_STAGES).toEqual(['declared', 'active', 'monitoring']);
    expect(INCIDENT_STATUS_FILTERS).toEqual(['open', 'all', ...INCIDENT_STAGES]);
    expect(MANUAL_TALLY_MEASURES).toEqual([
      'calls_handled',
      'callbacks_owed',
      'passed_to_ambulance',
      'passed_to_ed',
    ]);
  });
});

describe('declare', () => {
  const declare = { type: 'critical', title: 'CAS down', systemIds: ['cas'], siteIds: ['leeds'], startedAt };
  it('accepts a declaration and trims the title', () => {
    expect(message(incidentDeclareInput.safeParse(declare))).toBe('accepted');
    expect(incidentDeclareInput.parse({ ...declare, title: '  CAS down ' }).title).toBe('CAS down');
    expect(message(incidentDeclareInput.safeParse({ ...declare, systemIds: [] }))).toBe('accepted');
  });

  it('refuses each field by name', () => {
    expect(message(incidentDeclareInput.safeParse({ ...declare, type: 'minor' }))).toBe(
      'type: must be one of business_continuity, critical, major',
    );
    expect(message(incidentDeclareInput.safeParse({ ...declare, title: ' ' }))).toBe(
      'title: must not be empty',
    );
    expect(message(incidentDeclareInput.safeParse({ ...declare, title: 7 }))).toBe('title: must be a string');
    expect(message(incidentDeclareInput.safeParse({ ...declare, title: 't'.repeat(200) }))).toBe('accepted');
    expect(message(incidentDeclareInput.safeParse({ ...declare, title: 't'.repeat(201) }))).toBe(
      'title: must be at most 200 characters',
    );
    expect(message(incidentDeclareInput.safeParse({ ...declare, siteIds: [] }))).toBe(
      'siteIds: must name at least one site',
    );
    expect(message(incidentDeclareInput.safeParse({ ...declare, siteIds: ids(200) }))).toBe('accepted');
    expect(message(incidentDeclareInput.safeParse({ ...declare, siteIds: ids(201) }))).toBe(
      'siteIds: must list at most 200 sites',
    );
    expect(message(incidentDeclareInput.safeParse({ ...declare, systemIds: ids(50) }))).toBe('accepted');
    expect(message(incidentDeclareInput.safeParse({ ...declare, systemIds: ids(51) }))).toBe(
      'systemIds: must list at most 50 systems',
    );
    expect(message(incidentDeclareInput.safeParse({ ...declare, systemIds: [''] }))).toMatch(
      /^systemIds\[0\]: systemId must not be empty/,
    );
    expect(message(incidentDeclareInput.safeParse({ ...declare, siteIds: [''] }))).toMatch(
      /^siteIds\[0\]: siteId must not be empty/,
    );
  });

  it('EPRR levels are whole numbers 1–4', () => {
    const level = (eprrLevel: unknown) => message(incidentDeclareInput.safeParse({ ...declare, eprrLevel }));
    expect([1, 2, 3, 4].map(level)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(level(0)).toBe('eprrLevel: must be between 1 and 4');
    expect(level(5)).toBe('eprrLevel: must be between 1 and 4');
    expect(level(2.5)).toBe('eprrLevel: must be a whole number');
    expect(level('2')).toBe('eprrLevel: must be an EPRR level 1–4');
  });
});

describe('update', () => {
  it('needs a stage, a note or a level, and a valid incident id', () => {
    expect(message(incidentUpdateInput.safeParse({ id: 1 }))).toBe(
      'stage: give a stage, a note or an eprrLevel',
    );
    expect(message(incidentUpdateInput.safeParse({ id: 1, stage: 'active' }))).toBe('accepted');
    expect(message(incidentUpdateInput.safeParse({ id: 1, note: 'update' }))).toBe('accepted');
    expect(message(incidentUpdateInput.safeParse({ id: 1, eprrLevel: null }))).toBe('accepted');
    expect(message(incidentUpdateInput.safeParse({ id: 1, eprrLevel: 3, at: startedAt }))).toBe('accepted');
    expect(message(incidentUpdateInput.safeParse({ id: 1, stage: 'over' }))).toBe(
      `stage: must be one of ${INCIDENT_STAGES.join(', ')}`,
    );
    expect(message(incidentUpdateInput.safeParse({ id: 1, note: 'n'.repeat(2_000) }))).toBe('accepted');
    expect(message(incidentUpdateInput.safeParse({ id: 1, note: 'n'.repeat(2_001) }))).toBe(
      'note: must be at most 2000 characters',
    );
  });

  it('incident ids are positive whole numbers that fit a 32-bit integer', () => {
    const id = (value: unknown) => message(incidentIdInput.safeParse({ id: value }));
    expect(id(1)).toBe('accepted');
    expect(id(2_147_483_647)).toBe('accepted');
    expect(id(2_147_483_648)).toBe('id: is not an incident id');
    expect(id(0)).toBe('id: must be positive');
    expect(id(1.5)).toBe('id: must be a whole number');
    expect(id('1')).toBe('id: must be an incident id (a number)');
  });
});

describe('lists', () => {
  it('incidents by open, all or one stage', () => {
    expect(message(incidentListInput.safeParse(undefined))).toBe('accepted');
    for (const status of INCIDENT_STATUS_FILTERS) {
      expect(message(incidentListInput.safeParse({ status }))).toBe('accepted');
    }
    expect(message(incidentListInput.safeParse({ status: 'shut' }))).toBe(
      `status: must be one of ${INCIDENT_STATUS_FILTERS.join(', ')}`,
    );
  });

  it('suspected outages: minMinutes 1–1,440', () => {
    const min = (minMinutes: number) => message(suspectedOutagesInput.safeParse({ minMinutes }));
    expect(min(0)).toBe('minMinutes: must be at least 1');
    expect(min(1.5)).toBe('minMinutes: must be a whole number');
    expect([min(1), min(1_440)]).toEqual(['accepted', 'accepted']);
    expect(min(1_441)).not.toBe('accepted');
    expect(message(suspectedOutagesInput.safeParse(undefined))).toBe('accepted');
  });
});

describe('paper running, tallies and OPEL', () => {
  it('paper start and end', () => {
    expect(message(paperStartInput.safeParse({ siteId: 'leeds', startedAt }))).toBe('accepted');
    expect(message(paperStartInput.safeParse({ siteId: 'leeds', startedAt, incidentId: 3, note: 'x' }))).toBe(
      'accepted',
    );
    expect(message(paperStartInput.safeParse({ siteId: 'leeds', startedAt, note: 'n'.repeat(501) }))).toBe(
      'note: must be at most 500 characters',
    );
    expect(message(paperEndInput.safeParse({ id: 3, endedAt: startedAt }))).toBe('accepted');
    expect(message(paperListInput.safeParse({ siteIds: ['leeds'], openOnly: true }))).toBe('accepted');
    expect(message(paperListInput.safeParse({ siteIds: ids(201) }))).toMatch(/^siteIds: /);
  });

  it('a tally counts one measure for an hour that starts on the hour', () => {
    const tally = { siteId: 'leeds', hourStart: '2026-01-01T09:00:00Z', measure: 'calls_handled', count: 12 };
    expect(message(tallyEnterInput.safeParse(tally))).toBe('accepted');
    expect(message(tallyEnterInput.safeParse({ ...tally, hourStart: '2026-01-01T10:00:00+01:00' }))).toBe(
      'accepted',
    );
    expect(message(tallyEnterInput.safeParse({ ...tally, hourStart: '2026-01-01T09:30:00Z' }))).toBe(
      'hourStart: must be on the hour',
    );
    expect(message(tallyEnterInput.safeParse({ ...tally, measure: 'cups_of_tea' }))).toBe(
      `measure: must be one of ${MANUAL_TALLY_MEASURES.join(', ')}`,
    );
    const count = (n: unknown) => message(tallyEnterInput.safeParse({ ...tally, count: n }));
    expect([count(0), count(100_000)]).toEqual(['accepted', 'accepted']);
    expect(count(-1)).toBe('count: must not be negative');
    expect(count(100_001)).not.toBe('accepted');
    expect(count(1.5)).toBe('count: must be a whole number');
    expect(count('1')).toBe('count: must be a number');
    const list = { from: startedAt, to: '2026-01-02T00:00:00+01:00' };
    expect(message(tallyListInput.safeParse(list))).toBe('accepted');
    expect(message(tallyListInput.safeParse({ ...list, to: 'later' }))).toBe(
      'to: must be an ISO 8601 timestamp with an offset',
    );
  });

  it('OPEL levels are whole numbers 1–4 with an optional note', () => {
    const level = (n: unknown) => message(opelSetInput.safeParse({ siteId: 'leeds', level: n }));
    expect([1, 4].map(level)).toEqual(['accepted', 'accepted']);
    expect(level(0)).toBe('level: must be between 1 and 4');
    expect(level(5)).toBe('level: must be between 1 and 4');
    expect(level('3')).toBe('level: must be an OPEL level 1–4');
    expect(message(opelSetInput.safeParse({ siteId: 'leeds', level: 2, note: 'n'.repeat(500) }))).toBe(
      'accepted',
    );
    expect(message(opelHistoryInput.safeParse({ siteId: '' }))).toMatch(/^siteId: siteId must not be empty/);
  });
});
