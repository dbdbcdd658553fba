import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHttp } from '../src/services/probes/checks/http.ts';
import { runProbe } from '../src/services/probes/checks/run.ts';
import { checkStatuspage, summaryUrl } from '../src/services/probes/checks/statuspage.ts';
import { checkTcp } from '../src/services/probes/checks/tcp.ts';
import {
  closedPort,
  fakeClock,
  type HttpBehaviour,
  startHttpServer,
  startTcpServer,
  summary,
} from './probe-servers.ts';

const behaviour: HttpBehaviour = { status: 200, body: '{"status":{"db":"ok"}} all good' };
let http: Awaited<ReturnType<typeof startHttpServer>>;
let tcp: Awaited<ReturnType<typeof startTcpServer>>;
let refused: number;

beforeAll(async () => {
  http = await startHttpServer(behaviour);
  tcp = await startTcpServer();
  refused = await closedPort();
});
afterAll(async () => {
  await http.close();
  await tcp.close();
});
const reset = (b: Partial<HttpBehaviour>) =>
  Object.assign(behaviour, { status: 200, body: '', hang: false }, b);

describe('HTTP check', () => {
  it('is up on a 2xx, with the status and response time in its detail', async () => {
    reset({ body: 'all good' });
    const clock = fakeClock(1_000, 7);
    const result = await checkHttp({ target: http.url, timeoutMs: 2_000, degradedMs: 500 }, clock.now);
    expect(result).toEqual({ status: 'up', detail: 'HTTP 200 in 7 ms', responseMs: 7 });
  });

  it('is degraded when slower than degradedMs (a clock that moves 800 ms per read)', async () => {
    reset({ body: 'slow' });
    const result = await checkHttp(
      { target: http.url, timeoutMs: 2_000, degradedMs: 500 },
      fakeClock(0, 800).now,
    );
    expect(result).toEqual({
      status: 'degraded',
      detail: 'HTTP 200 in 800 ms, slower than 500 ms',
      responseMs: 800,
    });
  });

  it('is down on a 500, and on another status than the one expected', async () => {
    reset({ status: 500, body: 'boom' });
    const result = await checkHttp({ target: http.url, timeoutMs: 2_000 }, fakeClock(0, 3).now);
    expect(result).toEqual({ status: 'down', detail: 'HTTP 500, expected 2xx or 3xx (3 ms)', responseMs: 3 });
    reset({ status: 200 });
    const other = await checkHttp(
      { target: http.url, timeoutMs: 2_000, expectStatus: 204 },
      fakeClock(0, 3).now,
    );
    expect(other.detail).toBe('HTTP 200, expected 204 (3 ms)');
  });

  it('is down when the keyword is missing, up when present', async () => {
    reset({ body: 'maintenance page' });
    const missing = await checkHttp(
      { target: http.url, timeoutMs: 2_000, expectKeyword: 'Adastra OK' },
      fakeClock(0, 2).now,
    );
    expect(missing).toEqual({
      status: 'down',
      detail: 'HTTP 200 but keyword "Adastra OK" not found (2 ms)',
      responseMs: 2,
    });
    reset({ body: 'Adastra OK' });
    expect(
      (await checkHttp({ target: http.url, timeoutMs: 2_000, expectKeyword: 'Adastra OK' })).status,
    ).toBe('up');
  });

  it('checks a JSON field by dotted path', async () => {
    reset({ body: '{"status":{"db":"ok","n":3}}', contentType: 'application/json' });
    const check = { target: http.url, timeoutMs: 2_000, expectJsonPath: 'status.db', expectJsonValue: 'ok' };
    expect((await checkHttp(check)).status).toBe('up');
    expect((await checkHttp({ ...check, expectJsonPath: 'status.n', expectJsonValue: '3' })).status).toBe(
      'up',
    );
    const wrong = await checkHttp({ ...check, expectJsonValue: 'fine' }, fakeClock(0, 1).now);
    expect(wrong.detail).toBe('HTTP 200 but status.db is "ok", expected "fine" (1 ms)');
    const absent = await checkHttp({ ...check, expectJsonPath: 'status.cache' }, fakeClock(0, 1).now);
    expect(absent.detail).toBe('HTTP 200 but status.cache is missing, expected "ok" (1 ms)');
    reset({ body: 'not json' });
    expect((await checkHttp(check)).detail).toMatch(/^HTTP 200 but the body is not JSON/);
  });

  it('is down when refused, and when the server does not answer in time', async () => {
    const result = await checkHttp({ target: `http://127.0.0.1:${refused}/`, timeoutMs: 2_000 });
    expect(result.status).toBe('down');
    expect(result.detail).toBe('connection refused');
    reset({ hang: true });
    const hung = await checkHttp({ target: http.url, timeoutMs: 200 });
    expect(hung).toMatchObject({ status: 'down', detail: 'timed out after 200 ms' });
    reset({});
  });

  it('retries before reporting down, and says how many attempts it took', async () => {
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      return calls < 3
        ? { status: 'down' as const, detail: 'HTTP 502', responseMs: 5 }
        : { status: 'up' as const, detail: 'HTTP 200 in 5 ms', responseMs: 5 };
    };
    const probe = {
      kind: 'http' as const,
      target: http.url,
      component: null,
      timeoutMs: 1000,
      retries: 2,
      degradedMs: null,
      expectStatus: null,
      expectKeyword: null,
      expectJsonPath: null,
      expectJsonValue: null,
    };
    expect(await runProbe(probe, flaky)).toEqual({
      status: 'up',
      detail: 'HTTP 200 in 5 ms (after 3 attempts)',
      responseMs: 5,
    });
    calls = -10;
    expect(await runProbe({ ...probe, retries: 1 }, flaky)).toMatchObject({
      status: 'down',
      detail: 'HTTP 502 (after 2 attempts)',
    });
  });
});

describe('TCP check', () => {
  it('is up when it connects and down when refused', async () => {
    expect(await checkTcp({ target: tcp.target, timeoutMs: 2_000 }, fakeClock(0, 4).now)).toEqual({
      status: 'up',
      detail: 'connected in 4 ms',
      responseMs: 4,
    });
    expect(await checkTcp({ target: `127.0.0.1:${refused}`, timeoutMs: 2_000 })).toMatchObject({
      status: 'down',
      detail: 'connection refused',
    });
  });
});

describe('Statuspage check', () => {
  it('maps the chosen component: operational, degraded, maintenance, partial and major outage', async () => {
    const cases = {
      operational: 'up',
      degraded_performance: 'degraded',
      under_maintenance: 'degraded',
      partial_outage: 'down',
      major_outage: 'down',
    } as const;
    for (const [state, status] of Object.entries(cases)) {
      reset({
        body: summary({ 'Adastra API': state, Other: 'operational' }),
        contentType: 'application/json',
      });
      const result = await checkStatuspage({ target: http.url, component: 'adastra api', timeoutMs: 2_000 });
      expect(result.status).toBe(status);
      expect(result.detail).toBe(`supplier reports adastra api: ${state.replaceAll('_', ' ')}`);
    }
  });

  it('is down when the component is not on the page, or the page is not a summary', async () => {
    reset({ body: summary({ Other: 'operational' }) });
    expect((await checkStatuspage({ target: http.url, component: 'Adastra', timeoutMs: 2_000 })).detail).toBe(
      'component "Adastra" not on the status page',
    );
    reset({ body: '<html>' });
    expect((await checkStatuspage({ target: http.url, component: 'Adastra', timeoutMs: 2_000 })).detail).toBe(
      'status page summary is not JSON',
    );
    reset({ status: 503 });
    expect((await checkStatuspage({ target: http.url, component: 'Adastra', timeoutMs: 2_000 })).detail).toBe(
      'status page answered HTTP 503',
    );
  });

  it('reads /api/v2/summary.json under a base URL, or the URL given when it names a .json', () => {
    expect(summaryUrl('https://status.example/')).toBe('https://status.example/api/v2/summary.json');
    expect(summaryUrl('https://status.example/x/summary.json')).toBe('https://status.example/x/summary.json');
  });
});
