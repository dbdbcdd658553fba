import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  addSiteInput,
  addSystemInput,
  auditListInput,
  availabilityExportInput,
  createKeyInput,
  liveInput,
  nameField,
  opelHistoryInput,
  opelSetInput,
  paperListInput,
  paperStartInput,
  renameInput,
  sitesScopeField,
  tallyEnterInput,
  tallyListInput,
  textField,
  timeRangeInput,
} from '../src/index.ts';

// Each refusal names the field it is about (the API passes these messages on), and the bounds hold.
const issues = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues;
};
const first = (schema: z.ZodType, value: unknown) => issues(schema, value)[0];
const hour = '2026-01-01T09:00:00Z';

describe('id fields name themselves in their messages', () => {
  it.each([
    ['paperStartInput', paperStartInput, { siteId: '-x', startedAt: hour }, 'siteId'],
    ['paperListInput', paperListInput, { siteIds: ['-x'] }, 'siteId'],
    [
      'tallyEnterInput',
      tallyEnterInput,
      { siteId: '-x', hourStart: hour, measure: 'calls_handled', count: 1 },
      'siteId',
    ],
    ['tallyListInput', tallyListInput, { siteIds: ['-x'], from: hour, to: hour }, 'siteId'],
    ['opelSetInput', opelSetInput, { siteId: '-x', level: 2 }, 'siteId'],
    ['opelHistoryInput', opelHistoryInput, { siteId: '-x' }, 'siteId'],
    ['sitesScopeField', sitesScopeField, ['-x'], 'site id'],
    ['createKeyInput', createKeyInput, { feed: 'f', sites: 'all', name: '' }, 'name'],
    ['addSiteInput', addSiteInput, { id: '-x', name: 'Leeds' }, 'site id'],
    ['addSiteInput name', addSiteInput, { id: 'leeds', name: '' }, 'name'],
    ['addSystemInput', addSystemInput, { id: '-x', name: 'Adastra' }, 'system id'],
    ['addSystemInput name', addSystemInput, { id: 'cas', name: '' }, 'name'],
    ['renameInput', renameInput, { id: '-x', name: 'Leeds' }, 'id'],
    ['renameInput name', renameInput, { id: 'leeds', name: '' }, 'name'],
    ['liveInput', liveInput, { lastEventId: 'a\u0000' }, 'lastEventId'],
  ])('%s', (_, schema, value, field) => {
    expect(first(schema as z.ZodType, value)?.message.startsWith(`${field} `)).toBe(true);
  });
});

describe('bounds and forms', () => {
  it('tally lists take at most 200 sites, and any number up to that', () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);
    expect(issues(tallyListInput, { siteIds: ids(200), from: hour, to: hour })).toEqual([]);
    expect(issues(tallyListInput, { siteIds: ids(1), from: hour, to: hour })).toEqual([]);
    expect(first(tallyListInput, { siteIds: ids(201), from: hour, to: hour })?.path).toEqual(['siteIds']);
  });

  it('a site scope names its rule when empty or too long', () => {
    type Issue = { message: string; errors?: Issue[][] };
    const messages = (issue: Issue | undefined): string[] =>
      issue ? [issue.message, ...(issue.errors ?? []).flat().flatMap((i) => messages(i))] : [];
    expect(first(sitesScopeField, [])?.message).toBe('give "all" or at least one site');
    const many = Array.from({ length: 201 }, (_, i) => `s${i}`);
    expect(messages(first(sitesScopeField, many) as Issue)).toContain('at most 200 sites');
  });

  it('instants need an offset: audit filters and export ranges', () => {
    expect(first(auditListInput, { from: '2026-01-01T09:00:00' })?.message).toBe(
      'must be an ISO 8601 timestamp with an offset',
    );
    expect(issues(auditListInput, { from: '2026-01-01T09:00:00+01:00' })).toEqual([]);
    const range = { from: '2026-01-01T09:00:00', to: '2026-01-02T09:00:00Z' };
    expect(first(availabilityExportInput, range)?.path).toEqual(['from']);
  });

  it('an export range must run forwards: a custom issue on "to"', () => {
    const backwards = { from: '2026-01-02T09:00:00Z', to: '2026-01-01T09:00:00Z' };
    expect(first(availabilityExportInput, backwards)).toMatchObject({
      code: 'custom',
      path: ['to'],
      message: 'must be after "from"',
    });
  });

  it('an availability export shows intervals unless asked for the summary', () => {
    const range = { from: '2026-01-01T09:00:00Z', to: '2026-01-02T09:00:00Z' };
    expect(availabilityExportInput.parse(range).view).toBe('intervals');
    expect(availabilityExportInput.parse({ ...range, view: 'summary' }).view).toBe('summary');
  });

  it('a range too long is a custom issue, relative or absolute, in queries and exports', () => {
    expect(first(timeRangeInput, { last: '9999d' })).toMatchObject({ code: 'custom', path: ['last'] });
    const long = { from: '2020-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' };
    expect(first(availabilityExportInput, long)).toMatchObject({ code: 'custom', path: ['to'] });
    expect(first(availabilityExportInput, long)?.message).toMatch(/^the range may be at most \d+ days$/);
  });

  it('a time range given both ways is a custom issue on "last"', () => {
    expect(first(timeRangeInput, { last: '4h', from: hour, to: hour })).toMatchObject({
      code: 'custom',
      path: ['last'],
    });
  });
});

describe('text fields', () => {
  it('name themselves when not a string, too long or with control characters', () => {
    const text = textField('detail', 100);
    expect(first(text, 5)?.message).toBe('detail must be a string');
    expect(issues(text, 'x'.repeat(100))).toEqual([]);
    expect(first(text, 'x'.repeat(101))?.message).toBe('detail must be at most 100 characters');
    expect(first(text, 'a\u0007b')?.message).toBe('detail must not contain control characters');
    expect(issues(text, 'a\tb\nc')).toEqual([]);
  });

  it('refuse lone surrogates, high or low, and accept whole pairs', () => {
    const text = textField('detail', 100);
    expect(issues(text, 'ok 😀 ok')).toEqual([]);
    expect(issues(text, '😀')).toEqual([]);
    for (const bad of ['a\uD83D', '\uD83Da', 'a\uDE00', '\uDE00a', '\uDE00\uD83D']) {
      expect(first(text, bad)?.message, JSON.stringify(bad)).toBe(
        'detail must be valid Unicode (no lone surrogates)',
      );
    }
  });

  it('names typed by people must not be blank', () => {
    const name = nameField('name');
    expect(issues(name, 'Leeds')).toEqual([]);
    expect(issues(name, ' x ')).toEqual([]);
    expect(first(name, '   ')?.message).toBe('name must not be empty');
    expect(first(name, '')?.message).toBe('name must not be empty');
  });
});
