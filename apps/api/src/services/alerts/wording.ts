import {
  ALERT_MEASURES,
  type AlertMeasure,
  type AlertRuleKind,
  DEFAULT_OPEL_THRESHOLD,
} from '@switchboard/contracts';
import { alertRules, type Db, incidents, sites, systems } from '@switchboard/db';
import { inArray } from 'drizzle-orm';
import { referenceOf } from '../incidents/read.ts';

/**
 * What an alert is about, in words for the admin page's "Firing now" list and delivery log:
 * "Adastra (CAS) at Leeds NHS 111 — system down or unknown for 5 min (rule 1)". The one place for that
 * wording; the raw subject key (`cas@leeds`) stays beside it for machines.
 */

const MEASURE_WORDS: Record<AlertMeasure, string> = {
  answeredWithin60sPct: '% answered within 60 s',
  abandonedAllPct: '% abandoned',
  abandonedPct: '% abandoned after 30 s',
  meanAnswerMs: 'mean time to answer (ms)',
  p95AnswerMs: '95th centile time to answer (ms)',
};

type RuleFacts = {
  id: number;
  kind: string;
  name: string | null;
  minutes: number;
  measure: string | null;
  threshold: number | null;
};

export interface AlertNames {
  sites: ReadonlyMap<string, string>;
  systems: ReadonlyMap<string, string>;
  rules: ReadonlyMap<number, RuleFacts>;
  incidents: ReadonlyMap<number, string>;
}

/** The site, system or incident a subject key names, as the evaluator writes it (see observe.ts). */
export function subjectParts(
  kind: string,
  subject: string,
): { siteId: string | null; systemId: string | null; incidentId: number | null } {
  const none = { siteId: null, systemId: null, incidentId: null };
  if (kind === 'system_down') {
    const at = subject.lastIndexOf('@');
    if (at < 0) return none;
    const site = subject.slice(at + 1);
    return { siteId: site === 'national' ? null : site, systemId: subject.slice(0, at), incidentId: null };
  }
  if (kind === 'off_target' || kind === 'feed_stale') return { ...none, siteId: subject };
  if (kind === 'opel') return { ...none, siteId: subject.replace(/^opel:/, '') };
  if (kind === 'incident') {
    const id = Number(/^incident:(\d+)/.exec(subject)?.[1]);
    return { ...none, incidentId: Number.isSafeInteger(id) ? id : null };
  }
  return none;
}

/** One line about an alert of rule `ruleId` on `subject`; the raw subject when the rule is gone. */
export function describeAlert(
  names: AlertNames,
  alert: { ruleId: number; subject: string; siteId?: string | null; systemId?: string | null },
): string {
  const rule = names.rules.get(alert.ruleId);
  if (!rule) return `${alert.subject} (rule ${alert.ruleId}, since deleted)`;
  const parts = subjectParts(rule.kind, alert.subject);
  const siteId = alert.siteId !== undefined ? alert.siteId : parts.siteId;
  const systemId = alert.systemId !== undefined ? alert.systemId : parts.systemId;
  const site = siteId ? (names.sites.get(siteId) ?? siteId) : 'every site (national)';
  const system = systemId ? (names.systems.get(systemId) ?? systemId) : 'a system';
  const held = `for ${rule.minutes} min`;
  const kind = rule.kind as AlertRuleKind;
  let what: string;
  if (kind === 'system_down') what = `${system} at ${site} — system down or unknown ${held}`;
  else if (kind === 'off_target') {
    const measure = rule.measure as AlertMeasure | null;
    const words = measure ? (MEASURE_WORDS[measure] ?? measure) : 'a measure';
    const side = measure && ALERT_MEASURES[measure] === 'min' ? 'below' : 'above';
    what = `${site} — off target: ${words} ${side} ${rule.threshold ?? '—'} ${held}`;
  } else if (kind === 'feed_stale') what = `${site} — feed stale (no call events or queue snapshots) ${held}`;
  else if (kind === 'opel')
    what = `${site} — OPEL ${rule.threshold ?? DEFAULT_OPEL_THRESHOLD} or above ${held}`;
  else if (kind === 'incident') {
    const id = parts.incidentId;
    const incident = id === null ? undefined : names.incidents.get(id);
    what = `${incident ?? `Incident ${id ?? alert.subject}`} — declared, changed stage or stood down`;
  } else what = `${alert.subject} — ${rule.kind}`;
  return `${what} (rule ${rule.id}${rule.name ? `: ${rule.name}` : ''})`;
}

/** The names `describeAlert` needs for these alerts, read in at most four small queries. */
export async function namesFor(
  db: Db,
  alerts: readonly { ruleId: number | null; subject: string | null }[],
): Promise<AlertNames> {
  const ruleIds = [...new Set(alerts.flatMap((a) => (a.ruleId === null ? [] : [a.ruleId])))];
  const rules = ruleIds.length
    ? await db
        .select({
          id: alertRules.id,
          kind: alertRules.kind,
          name: alertRules.name,
          minutes: alertRules.minutes,
          measure: alertRules.measure,
          threshold: alertRules.threshold,
        })
        .from(alertRules)
        .where(inArray(alertRules.id, ruleIds))
    : [];
  const byId = new Map(rules.map((r) => [r.id, r]));
  const siteIds = new Set<string>();
  const systemIds = new Set<string>();
  const incidentIds = new Set<number>();
  for (const a of alerts) {
    const rule = a.ruleId === null ? undefined : byId.get(a.ruleId);
    if (!rule || a.subject === null) continue;
    const parts = subjectParts(rule.kind, a.subject);
    if (parts.siteId) siteIds.add(parts.siteId);
    if (parts.systemId) systemIds.add(parts.systemId);
    if (parts.incidentId !== null) incidentIds.add(parts.incidentId);
  }
  const [siteRows, systemRows, incidentRows] = await Promise.all([
    siteIds.size
      ? db
          .select({ id: sites.id, name: sites.name })
          .from(sites)
          .where(inArray(sites.id, [...siteIds]))
      : [],
    systemIds.size
      ? db
          .select({ id: systems.id, name: systems.name })
          .from(systems)
          .where(inArray(systems.id, [...systemIds]))
      : [],
    incidentIds.size
      ? db
          .select({ id: incidents.id, title: incidents.title, declaredAt: incidents.declaredAt })
          .from(incidents)
          .where(inArray(incidents.id, [...incidentIds]))
      : [],
  ]);
  return {
    rules: byId,
    sites: new Map(siteRows.map((s) => [s.id, s.name])),
    systems: new Map(systemRows.map((s) => [s.id, s.name])),
    incidents: new Map(incidentRows.map((i) => [i.id, `Incident ${referenceOf(i)} "${i.title}"`])),
  };
}
