import { bySpeed, type CheckResult, readBounded, reasonOf } from './result.ts';

export interface HttpCheck {
  target: string;
  timeoutMs: number;
  /** Expected status (default: any 2xx or 3xx; redirects are not followed). */
  expectStatus?: number | null;
  expectKeyword?: string | null;
  expectJsonPath?: string | null;
  expectJsonValue?: string | null;
  degradedMs?: number | null;
}

/** The value at a dotted path of parsed JSON, or undefined. */
export function valueAt(json: unknown, path: string): unknown {
  let here: unknown = json;
  for (const part of path.split('.')) {
    if (here === null || typeof here !== 'object' || !Object.hasOwn(here, part)) return undefined;
    here = (here as Record<string, unknown>)[part];
  }
  return here;
}

/**
 * One HTTP(S) GET: down on a connection failure, a timeout, an unexpected status, a missing keyword or a
 * JSON field of another value; degraded when slower than `degradedMs`; else up. The body is read only when
 * a keyword or JSON field is expected, and only its first MAX_BODY_BYTES.
 */
export async function checkHttp(check: HttpCheck, now: () => number = Date.now): Promise<CheckResult> {
  const started = now();
  const signal = AbortSignal.timeout(check.timeoutMs);
  try {
    const response = await fetch(check.target, {
      redirect: 'manual',
      signal,
      headers: { 'user-agent': 'Switchboard-probe/1', accept: '*/*' },
    });
    const wantsBody = Boolean(check.expectKeyword || check.expectJsonPath);
    const body = wantsBody ? await readBounded(response.body) : undefined;
    if (!wantsBody) await response.body?.cancel().catch(() => {});
    const ms = Math.max(0, Math.round(now() - started));
    const fail = (detail: string): CheckResult => ({ status: 'down', detail, responseMs: ms });
    const expected = check.expectStatus;
    const statusOk = expected
      ? response.status === expected
      : response.status >= 200 && response.status < 400;
    if (!statusOk) return fail(`HTTP ${response.status}, expected ${expected ?? '2xx or 3xx'} (${ms} ms)`);
    if (check.expectKeyword && !body?.text.includes(check.expectKeyword))
      return fail(`HTTP ${response.status} but keyword "${check.expectKeyword}" not found (${ms} ms)`);
    if (check.expectJsonPath) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body?.text ?? '');
      } catch {
        return fail(`HTTP ${response.status} but the body is not JSON (${ms} ms)`);
      }
      const value = valueAt(parsed, check.expectJsonPath);
      const text =
        value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
      if (text !== check.expectJsonValue)
        return fail(
          `HTTP ${response.status} but ${check.expectJsonPath} is ${text === undefined ? 'missing' : JSON.stringify(text.slice(0, 100))}, expected ${JSON.stringify(check.expectJsonValue)} (${ms} ms)`,
        );
    }
    const status = bySpeed(ms, check.degradedMs);
    return {
      status,
      detail:
        status === 'degraded'
          ? `HTTP ${response.status} in ${ms} ms, slower than ${check.degradedMs} ms`
          : `HTTP ${response.status} in ${ms} ms`,
      responseMs: ms,
    };
  } catch (error) {
    const ms = Math.max(0, Math.round(now() - started));
    return { status: 'down', detail: reasonOf(error, check.timeoutMs), responseMs: ms };
  }
}
