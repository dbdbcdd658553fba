import type { Probe } from '@switchboard/db';
import { checkHttp } from './http.ts';
import type { CheckResult } from './result.ts';
import { checkStatuspage } from './statuspage.ts';
import { checkTcp } from './tcp.ts';

export type ProbeDefinition = Pick<
  Probe,
  | 'kind'
  | 'target'
  | 'component'
  | 'timeoutMs'
  | 'retries'
  | 'degradedMs'
  | 'expectStatus'
  | 'expectKeyword'
  | 'expectJsonPath'
  | 'expectJsonValue'
>;

/** One attempt of a probe's check. */
export function checkOnce(probe: ProbeDefinition): Promise<CheckResult> {
  switch (probe.kind) {
    case 'http':
      return checkHttp(probe);
    case 'tcp':
      return checkTcp(probe);
    case 'statuspage':
      return checkStatuspage({ ...probe, component: probe.component ?? '' });
  }
}

/**
 * A probe's result: its check, tried again up to `retries` times while it finds the system down; the last
 * attempt's result stands, with how many attempts it took when more than one.
 */
export async function runProbe(
  probe: ProbeDefinition,
  attempt: (probe: ProbeDefinition) => Promise<CheckResult> = checkOnce,
): Promise<CheckResult> {
  let result = await attempt(probe);
  let tries = 1;
  while (result.status === 'down' && tries <= probe.retries) {
    result = await attempt(probe);
    tries += 1;
  }
  return tries > 1 ? { ...result, detail: `${result.detail} (after ${tries} attempts)` } : result;
}
