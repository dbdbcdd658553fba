import { describe, expect, it } from 'vitest';
import { type AlertNames, describeAlert, subjectParts } from '../src/services/alerts/wording.ts';

const rule = (
  id: number,
  kind: string,
  extra: Partial<{ name: string; measure: string; threshold: number }> = {},
) => ({
  id,
  kind,
  name: extra.name ?? null,
  minutes: 5,
  measure: extra.measure ?? null,
  threshold: extra.threshold ?? null,
});

const names: AlertNames = {
  sites: new Map([['leeds', 'Leeds NHS 111']]),
  systems: new Map([['cas', 'Adastra (CAS)']]),
  rules: new Map(
    [
      rule(1, 'system_down'),
      rule(2, 'off_target', { measure: 'answeredWithin60sPct', threshold: 90 }),
      rule(3, 'off_target', { measure: 'meanAnswerMs', threshold: 20_000, name: 'Slow answer' }),
      rule(4, 'feed_stale'),
      rule(5, 'opel', { threshold: 4 }),
      rule(6, 'incident'),
    ].map((r) => [r.id, r]),
  ),
  incidents: new Map([[12, 'Incident SWB-2026-0012 "Adastra outage"']]),
};

describe('alert wording (admin page)', () => {
  it('reads the site, system or incident from the subject key the evaluator writes', () => {
    expect(subjectParts('system_down', 'cas@leeds')).toEqual({
      siteId: 'leeds',
      systemId: 'cas',
      incidentId: null,
    });
    expect(subjectParts('system_down', 'cas@national')).toEqual({
      siteId: null,
      systemId: 'cas',
      incidentId: null,
    });
    expect(subjectParts('feed_stale', 'leeds').siteId).toBe('leeds');
    expect(subjectParts('opel', 'opel:leeds').siteId).toBe('leeds');
    expect(subjectParts('incident', 'incident:12#40').incidentId).toBe(12);
  });

  it('says what, where, for how long and which rule, in words', () => {
    const say = (ruleId: number, subject: string) => describeAlert(names, { ruleId, subject });
    expect(say(1, 'cas@leeds')).toBe(
      'Adastra (CAS) at Leeds NHS 111 — system down or unknown for 5 min (rule 1)',
    );
    expect(say(1, 'cas@national')).toBe(
      'Adastra (CAS) at every site (national) — system down or unknown for 5 min (rule 1)',
    );
    expect(say(2, 'leeds')).toBe(
      'Leeds NHS 111 — off target: % answered within 60 s below 90 for 5 min (rule 2)',
    );
    expect(say(3, 'leeds')).toBe(
      'Leeds NHS 111 — off target: mean time to answer (ms) above 20000 for 5 min (rule 3: Slow answer)',
    );
    expect(say(4, 'leeds')).toBe(
      'Leeds NHS 111 — feed stale (no call events or queue snapshots) for 5 min (rule 4)',
    );
    expect(say(5, 'opel:leeds')).toBe('Leeds NHS 111 — OPEL 4 or above for 5 min (rule 5)');
    expect(say(6, 'incident:12#40')).toBe(
      'Incident SWB-2026-0012 "Adastra outage" — declared, changed stage or stood down (rule 6)',
    );
    // Unknown ids fall back to the ids; a deleted rule to the raw subject.
    expect(say(1, 'gp@york')).toBe('gp at york — system down or unknown for 5 min (rule 1)');
    expect(say(99, 'cas@leeds')).toBe('cas@leeds (rule 99, since deleted)');
  });
});
