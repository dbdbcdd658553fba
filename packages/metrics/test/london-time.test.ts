// @ts-nocheck
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TIME_ZONE,
  localDateString,
  localMidnight,
  localParts,
  localToInstant,
  londonOffsetMs,
  timeZoneOffsetMs,
} from '../src/index.ts';

// London is GMT (+0) in winter and BST (+1 h) from 01:00 UTC on the last Sunday of March to 01:00 UTC on
// the last Sunday of October (29 March and 25 October in 2026). Values below are worked out from that rule.
const H = 3_600_000;
const utc = (iso: string) => Date.parse(iso);

describe('London time', () => {
  it('the default time zone is London', () => {
    expect(DEFAULT_TIME_ZONE).toBe('Europe/London');
    expect(timeZoneOffsetMs(utc('2026-07-01T12:00:00Z'))).toBe(H);
    expect(localParts(utc('2026-07-01T12:00:00Z')).hour).toBe(13);
    expect(localDateString(utc('2026-07-01T23:30:00Z'))).toBe('2026-07-02');
    expect(localToInstant(Date.UTC(2026, 6, 1, 12))).toBe(utc('2026-07-01T11:00:00Z'));
  });

  it('localToInstant: every quarter hour of both clock-change days maps back to itself, or is skipped', () => {
    for (const day of [Date.UTC(2026, 2, 29), Date.UTC(2026, 9, 25)]) {
      for (let wall = day; wall < day + 24 * H; wall += 15 * 60_000) {
        const at = localToInstant(wall);
        if (at !== null) expect(at + londonOffsetMs(at)).toBe(wall);
      }
    }
  });

  it('londonOffsetMs: 0 in GMT, one hour in BST, changing on the UTC hour', () => {
    expect(londonOffsetMs(utc('2026-01-15T12:00:00Z'))).toBe(0);
    expect(londonOffsetMs(utc('2026-07-15T12:00:00Z'))).toBe(H);
    expect(londonOffsetMs(utc('2026-03-29T00:59:59.999Z'))).toBe(0);
    expect(londonOffsetMs(utc('2026-03-29T01:00:00Z'))).toBe(H);
    expect(londonOffsetMs(utc('2026-10-25T00:59:59.999Z'))).toBe(H);
    expect(londonOffsetMs(utc('2026-10-25T01:00:00Z'))).toBe(0);
    // Asked again (remembered per hour), and for another instant in the same hour: the same answers.
    expect(londonOffsetMs(utc('2026-03-29T01:30:00Z'))).toBe(H);
    expect(londonOffsetMs(utc('2026-03-29T00:30:00Z'))).toBe(0);
  });

  it('londonOffsetMs: still right after more hours than it remembers (the bound empties it)', () => {
    const start = utc('2020-01-01T00:00:00Z');
    for (let h = 0; h < 50_010; h++) londonOffsetMs(start + h * H);
    expect(londonOffsetMs(utc('2026-07-15T12:00:00Z'))).toBe(H);
    expect(londonOffsetMs(utc('2026-01-15T12:00:00Z'))).toBe(0);
  });

  it('localParts: the wall-clock date and time, across midnight and a year end', () => {
    expect(localParts(utc('2026-12-31T23:59:58Z'))).toEqual({
      year: 2026,
      month: 12,
      day: 31,
      hour: 23,
      minute: 59,
      second: 58,
    });
    expect(localParts(utc('2026-06-30T23:04:05Z'))).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      hour: 0,
      minute: 4,
      second: 5,
    });
    expect(localParts(utc('2026-06-30T23:04:05Z'), 'UTC')).toEqual({
      year: 2026,
      month: 6,
      day: 30,
      hour: 23,
      minute: 4,
      second: 5,
    });
  });

  it('localMidnight: midnight is 23:00 UTC the day before in summer, 00:00 UTC in winter', () => {
    expect(localMidnight(2026, 1, 15)).toBe(utc('2026-01-15T00:00:00Z'));
    expect(localMidnight(2026, 7, 2)).toBe(utc('2026-07-01T23:00:00Z'));
    expect(localMidnight(2026, 3, 29)).toBe(utc('2026-03-29T00:00:00Z'));
    expect(localMidnight(2026, 3, 30)).toBe(utc('2026-03-29T23:00:00Z'));
    expect(localMidnight(2026, 10, 25)).toBe(utc('2026-10-24T23:00:00Z'));
    expect(localMidnight(2026, 10, 26)).toBe(utc('2026-10-26T00:00:00Z'));
    expect(localMidnight(2026, 12, 32)).toBe(utc('2027-01-01T00:00:00Z')); // the day overflows
    expect(localMidnight(2026, 7, 2, 'UTC')).toBe(utc('2026-07-02T00:00:00Z'));
  });

  it('localDateString: YYYY-MM-DD with every part padded', () => {
    expect(localDateString(utc('2026-01-05T10:00:00Z'))).toBe('2026-01-05');
    expect(localDateString(utc('0999-02-03T12:00:00Z'))).toBe('0999-02-03');
    expect(localDateString(utc('2026-07-01T23:30:00Z'), 'UTC')).toBe('2026-07-01');
  });

  it('localToInstant: GMT and BST wall times, the skipped spring hour and the repeated autumn hour', () => {
    expect(localToInstant(Date.UTC(2026, 0, 15, 9, 30))).toBe(utc('2026-01-15T09:30:00Z'));
    expect(localToInstant(Date.UTC(2026, 6, 15, 9, 30))).toBe(utc('2026-07-15T08:30:00Z'));
    // 29 March 2026: the clocks go from 01:00 to 02:00, so 01:30 never happens; 00:59 and 02:00 do.
    expect(localToInstant(Date.UTC(2026, 2, 29, 1, 30))).toBeNull();
    expect(localToInstant(Date.UTC(2026, 2, 29, 0, 59))).toBe(utc('2026-03-29T00:59:00Z'));
    expect(localToInstant(Date.UTC(2026, 2, 29, 2, 0))).toBe(utc('2026-03-29T01:00:00Z'));
    // 25 October 2026: 01:00–02:00 happens twice (BST, then GMT); the earlier is 00:30 UTC, not 01:30.
    expect(localToInstant(Date.UTC(2026, 9, 25, 1, 30))).toBe(utc('2026-10-25T00:30:00Z'));
    expect(localToInstant(Date.UTC(2026, 9, 25, 2, 30))).toBe(utc('2026-10-25T02:30:00Z'));
    expect(localToInstant(Date.UTC(2026, 9, 25, 0, 30))).toBe(utc('2026-10-24T23:30:00Z'));
  });

  it('localToInstant in another zone: New York (−5 h winter, −4 h summer)', () => {
    expect(localToInstant(Date.UTC(2026, 0, 15, 9), 'America/New_York')).toBe(utc('2026-01-15T14:00:00Z'));
    expect(localToInstant(Date.UTC(2026, 6, 15, 9), 'America/New_York')).toBe(utc('2026-07-15T13:00:00Z'));
    // 1 November 2026: 01:00–02:00 happens twice; the earlier is 05:30 UTC (EDT).
    expect(localToInstant(Date.UTC(2026, 10, 1, 1, 30), 'America/New_York')).toBe(
      utc('2026-11-01T05:30:00Z'),
    );
    // 8 March 2026: 02:30 is skipped.
    expect(localToInstant(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York')).toBeNull();
  });
});
