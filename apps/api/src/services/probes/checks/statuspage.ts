import { type CheckResult, readBounded, reasonOf } from './result.ts';

export interface StatuspageCheck {
  /** The page's base URL (…/api/v2/summary.json is added) or the summary's own URL. */
  target: string;
  /** The component's name (case-insensitive) or id. */
  component: string;
  timeoutMs: number;
}

/**
 * How a Statuspage component state maps to ours. `under_maintenance` is `degraded`: the supplier planned
 * it (so not an unplanned `down`), but the service may not be fully there, and people should see it.
 */
export const COMPONENT_STATUS = {
  operational: 'up',
  degraded_performance: 'degraded',
  under_maintenance: 'degraded',
  partial_outage: 'down',
  major_outage: 'down',
} as const satisfies Record<string, CheckResult['status']>;

/** The summary's URL for a target. */
export const summaryUrl = (target: string) =>
  /\.json($|\?)/.test(target) ? target : `${target.replace(/\/+$/, '')}/api/v2/summary.json`;

/** Reads a supplier's Statuspage summary and maps the chosen component's state. */
export async function checkStatuspage(
  check: StatuspageCheck,
  now: () => number = Date.now,
): Promise<CheckResult> {
  const started = now();
  const elapsed = () => Math.max(0, Math.round(now() - started));
  try {
    const response = await fetch(summaryUrl(check.target), {
      redirect: 'manual',
      signal: AbortSignal.timeout(check.timeoutMs),
      headers: { 'user-agent': 'Switchboard-probe/1', accept: 'application/json' },
    });
    const body = await readBounded(response.body, 2 * 1024 * 1024);
    const ms = elapsed();
    if (response.status !== 200)
      return { status: 'down', detail: `status page answered HTTP ${response.status}`, responseMs: ms };
    let summary: { components?: { id?: unknown; name?: unknown; status?: unknown }[] };
    try {
      summary = JSON.parse(body.text);
    } catch {
      return { status: 'down', detail: 'status page summary is not JSON', responseMs: ms };
    }
    const wanted = check.component.toLowerCase();
    const component = Array.isArray(summary.components)
      ? summary.components.find(
          (c) => (typeof c.name === 'string' && c.name.toLowerCase() === wanted) || c.id === check.component,
        )
      : undefined;
    if (!component)
      return {
        status: 'down',
        detail: `component "${check.component}" not on the status page`,
        responseMs: ms,
      };
    const state = String(component.status);
    const status = Object.hasOwn(COMPONENT_STATUS, state)
      ? COMPONENT_STATUS[state as keyof typeof COMPONENT_STATUS]
      : undefined;
    if (!status)
      return {
        status: 'down',
        detail: `component "${check.component}" has unknown state ${state.slice(0, 40)}`,
        responseMs: ms,
      };
    return {
      status,
      detail: `supplier reports ${check.component}: ${state.replaceAll('_', ' ')}`,
      responseMs: ms,
    };
  } catch (error) {
    return { status: 'down', detail: reasonOf(error, check.timeoutMs), responseMs: elapsed() };
  }
}
