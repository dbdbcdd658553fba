import { type AlertMeasure, type AlertRuleKind, DEFAULT_OPEL_THRESHOLD } from '@switchboard/contracts';
import {
  type AlertRule,
  alertChannels,
  alertDeliveries,
  alertRules,
  alertStates,
  type Db,
  sites,
} from '@switchboard/db';
import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import { currentSystemStates } from '../queries/system-states.ts';
import { type Channel, type DeliveryOptions, deliver } from './deliver.ts';
import { type ActiveState, type Decision, decide, type Observation } from './evaluate.ts';
import { maintenanceIndex } from './maintenance.ts';
import type { AlertMessage } from './message.ts';
import { pageFor } from './message.ts';
import { feedsStale, incidentEvents, sitesAtOpel, sitesOffTarget, systemsDown } from './observe.ts';

export const EVALUATE_EVERY_MS = 15_000;
/** Delivery log bounds: entries older than this, and past this many rows, are deleted. */
export const DELIVERY_RETENTION_DAYS = 30;
export const DELIVERY_MAX_ROWS = 10_000;
/** Incident notifications look back at most this far (and never before the rule was created). */
const INCIDENT_LOOKBACK_MS = 60 * 60_000;

export interface EvaluatorOptions {
  publicUrl: string;
  heartbeatTimeoutS: number;
  staleAfterS: number;
  /** The clock (a fake one in tests). */
  now?: () => number;
  everyMs?: number;
  delivery?: Omit<DeliveryOptions, 'signal'>;
}

/**
 * The alert evaluator of one API instance. Every instance runs one; the unique (rule, subject) key of
 * alert_states makes each alert fire, repeat and resolve once across them all.
 */
export function createEvaluator(db: Db, options: EvaluatorOptions) {
  const now = options.now ?? Date.now;
  const stopping = new AbortController();
  const pending = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;

  /** Evaluates every enabled rule once; `delivered` settles when its deliveries (with retries) have. */
  async function runOnce(): Promise<{ decisions: number; delivered: Promise<unknown> }> {
    const at = now();
    const rules = await db.select().from(alertRules).where(eq(alertRules.enabled, true)).limit(500);
    const sends: Promise<unknown>[] = [];
    let decisions = 0;
    if (rules.length > 0) {
      const context = await load(at, rules);
      for (const rule of rules) {
        const messages = await evaluateRule(rule, context, at);
        decisions += messages.length;
        const channels = context.channels.filter((c) => rule.channelIds.includes(c.id));
        for (const message of messages) for (const channel of channels) sends.push(send(channel, message));
      }
    }
    await purge(at);
    const delivered = Promise.allSettled(sends);
    return { decisions, delivered };
  }

  function send(channel: Channel, message: AlertMessage) {
    const delivery = deliver(db, channel, message, { ...options.delivery, signal: stopping.signal }).catch(
      (error) =>
        console.error('[alerts] delivery log failed:', error instanceof Error ? error.message : error),
    );
    pending.add(delivery);
    void delivery.finally(() => pending.delete(delivery));
    return delivery;
  }

  async function load(at: number, rules: AlertRule[]) {
    const needsStates = rules.some((rule) => rule.kind === 'system_down');
    const [siteRows, channels, maintenance, states] = await Promise.all([
      db.select({ id: sites.id, name: sites.name }).from(sites),
      db
        .select({
          id: alertChannels.id,
          kind: alertChannels.kind,
          target: alertChannels.target,
          secret: alertChannels.secret,
        })
        .from(alertChannels)
        .where(eq(alertChannels.enabled, true)),
      maintenanceIndex(db),
      needsStates ? currentSystemStates(db, at, options.heartbeatTimeoutS * 1000) : Promise.resolve([]),
    ]);
    return { siteNames: new Map(siteRows.map((s) => [s.id, s.name])), channels, maintenance, states };
  }

  async function evaluateRule(
    rule: AlertRule,
    context: Awaited<ReturnType<typeof load>>,
    at: number,
  ): Promise<AlertMessage[]> {
    if (rule.kind === 'incident') return incidentMessages(rule, at);
    let observations: Observation[];
    if (rule.kind === 'system_down') {
      observations = systemsDown(rule, context.states, context.siteNames, context.maintenance, at);
    } else if (rule.kind === 'feed_stale') {
      observations = await feedsStale(db, rule, options.staleAfterS * 1000, at);
    } else if (rule.kind === 'off_target' && rule.measure && rule.threshold !== null) {
      observations = await sitesOffTarget(
        db,
        { ...rule, measure: rule.measure as AlertMeasure, threshold: rule.threshold },
        context.siteNames,
        at,
      );
    } else if (rule.kind === 'opel') {
      observations = await sitesAtOpel(db, { ...rule, level: rule.threshold ?? DEFAULT_OPEL_THRESHOLD });
    } else return [];
    const active = await db
      .select()
      .from(alertStates)
      .where(and(eq(alertStates.ruleId, rule.id), isNull(alertStates.resolvedAt)))
      .limit(5_000);
    const activeStates: ActiveState[] = active.map((row) => ({
      id: row.id,
      subject: row.subject,
      siteId: row.siteId,
      systemId: row.systemId,
      since: row.since.getTime(),
      lastSentAt: row.lastSentAt.getTime(),
    }));
    const out: AlertMessage[] = [];
    for (const decision of decide(rule, observations, activeStates, at)) {
      const message = await claim(rule, decision, at);
      if (message) out.push(message);
    }
    return out;
  }

  /** Takes the decision in the database; only the instance whose write wins gets a message to send. */
  async function claim(rule: AlertRule, decision: Decision, at: number): Promise<AlertMessage | null> {
    if (decision.action === 'fire') {
      const o = decision.observation;
      const won = await db
        .insert(alertStates)
        .values({
          ruleId: rule.id,
          subject: o.subject,
          siteId: o.siteId,
          systemId: o.systemId,
          since: new Date(o.since),
          lastSentAt: new Date(at),
        })
        .onConflictDoNothing()
        .returning({ id: alertStates.id });
      return won.length ? messageOf(rule, 'firing', o, at) : null;
    }
    if (decision.action === 'repeat') {
      const won = await db
        .update(alertStates)
        .set({ lastSentAt: new Date(at) })
        .where(
          and(
            eq(alertStates.id, decision.state.id),
            eq(alertStates.lastSentAt, new Date(decision.state.lastSentAt)),
          ),
        )
        .returning({ id: alertStates.id });
      return won.length ? messageOf(rule, 'firing', decision.observation, at) : null;
    }
    const gone = await db
      .delete(alertStates)
      .where(eq(alertStates.id, decision.state.id))
      .returning({ summary: alertStates.subject });
    if (!gone.length) return null;
    const s = decision.state;
    const what = s.systemId ? `${s.systemId} at ${s.siteId ?? 'every site'}` : (s.siteId ?? s.subject);
    const summary = `${RESOLVED_TEXT[rule.kind as AlertRuleKind] ?? 'cleared'}: ${what}`;
    return messageOf(rule, 'resolved', { ...s, summary }, at);
  }

  /** One-shot notifications for incident updates; the unique key makes each go out once. */
  async function incidentMessages(rule: AlertRule, at: number): Promise<AlertMessage[]> {
    const after = Math.max(rule.createdAt.getTime(), at - INCIDENT_LOOKBACK_MS);
    const out: AlertMessage[] = [];
    for (const event of await incidentEvents(db, rule, after)) {
      const won = await db
        .insert(alertStates)
        .values({
          ruleId: rule.id,
          subject: event.subject,
          siteId: event.siteId,
          systemId: event.systemId,
          since: new Date(event.since),
          lastSentAt: new Date(at),
          resolvedAt: new Date(at),
        })
        .onConflictDoNothing()
        .returning({ id: alertStates.id });
      if (won.length) out.push(messageOf(rule, event.ended ? 'resolved' : 'firing', event, at));
    }
    return out;
  }

  function messageOf(
    rule: AlertRule,
    state: 'firing' | 'resolved',
    o: Pick<Observation, 'subject' | 'siteId' | 'systemId' | 'since' | 'summary'>,
    at: number,
  ): AlertMessage {
    return {
      rule: { id: rule.id, kind: rule.kind as AlertRuleKind, name: rule.name },
      state,
      subject: o.subject,
      siteId: o.siteId,
      systemId: o.systemId,
      measure: rule.measure,
      since: new Date(o.since).toISOString(),
      summary: o.summary,
      url: pageFor(options.publicUrl, rule.kind as AlertRuleKind, o.siteId, o.subject),
      sentAt: new Date(at).toISOString(),
    };
  }

  /** Keeps the delivery log and the incident notification keys bounded. */
  async function purge(at: number) {
    await db
      .delete(alertDeliveries)
      .where(lt(alertDeliveries.at, new Date(at - DELIVERY_RETENTION_DAYS * 86_400_000)));
    await db.execute(
      sql`delete from alert_deliveries where id <= (select id from alert_deliveries order by id desc offset ${DELIVERY_MAX_ROWS} limit 1)`,
    );
    await db
      .delete(alertStates)
      .where(
        and(
          isNotNull(alertStates.resolvedAt),
          lt(alertStates.resolvedAt, new Date(at - 2 * INCIDENT_LOOKBACK_MS)),
        ),
      );
  }

  const schedule = () => {
    if (stopping.signal.aborted) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error) =>
          console.error('[alerts] evaluation failed:', error instanceof Error ? error.message : error),
        )
        .finally(() => {
          running = undefined;
          schedule();
        });
    }, options.everyMs ?? EVALUATE_EVERY_MS);
    timer.unref();
  };

  return {
    runOnce,
    /** Starts the loop (every 15 s). */
    start() {
      schedule();
    },
    /** Stops the loop; deliveries in flight make no further attempts. */
    async stop() {
      stopping.abort();
      if (timer) clearTimeout(timer);
      await running;
      await Promise.allSettled([...pending]);
    },
  };
}
export type Evaluator = ReturnType<typeof createEvaluator>;

const RESOLVED_TEXT: Record<AlertRuleKind, string> = {
  system_down: 'System back up',
  off_target: 'Back on target',
  feed_stale: 'Feed receiving again',
  incident: 'Incident ended',
  opel: 'OPEL lowered',
};
