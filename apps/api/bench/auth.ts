/**
 * Access benchmark, on PostgreSQL: what the session check costs a read, and what 500 live subscribers cost
 * once each re-checks its principal every 2 s.
 *   1. p50/p99 of `metrics.overview` (40 sites) over HTTP with a session cookie and with a display token,
 *      against the same query without any auth (the service called directly, answer serialised), and the
 *      principal check alone.
 *   2. Live fan-out: 500 SSE subscribers of `live.changes` (half session cookies, half display tokens); 5
 *      ingests; p50/p99 of the time from the ingest's answer to each subscriber's message.
 * Run: npm run bench (root or apps/api), or tsx bench/auth.ts.
 */
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { createApp } from '../src/app.ts';
import { createAccess } from '../src/auth/access.ts';
import { localAccessConfig } from '../src/auth/config.ts';
import { createDisplay } from '../src/services/displays.ts';
import { getOverview } from '../src/services/queries/overview.ts';
import { inviteUser } from '../src/services/users.ts';
import { benchDatabase, fmt, percentile, seedSites } from './harness.ts';

const ADMIN_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/test';
const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 500);
const INGESTS = 5;
const PASSWORD = 'bench password that is long';

const bench = await benchDatabase(ADMIN_URL);
const { database } = bench;
let server: ServerType | undefined;
try {
  const { key } = await seedSites(database, 40);
  let app: ReturnType<typeof createApp>['app'] | undefined;
  server = await new Promise<ServerType>((resolve) => {
    const s = serve(
      {
        fetch: (request, env) => (app ? app.fetch(request, env) : new Response(null, { status: 503 })),
        port: 0,
        hostname: '127.0.0.1',
      },
      () => resolve(s),
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const access = createAccess(
    database,
    localAccessConfig({ publicUrl: url, ingestMaxRequestsPerS: 100_000 }),
  );
  const created = createApp(database, undefined, undefined, access);
  app = created.app;
  await created.live.ready();
  await inviteUser(database.db, access.auth, {
    email: 'bench@test.nhs.net',
    role: 'viewer',
    sites: 'all',
    password: PASSWORD,
    actor: 'bench',
  });
  const signedIn = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    // better-auth refuses a sign-in without an Origin (browsers always send one) outside NODE_ENV=test.
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: 'bench@test.nhs.net', password: PASSWORD }),
  });
  if (signedIn.status !== 200)
    throw new Error(`sign-in answered ${signedIn.status}: ${await signedIn.text()}`);
  const cookie = signedIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const display = await createDisplay(database.db, { name: 'Bench wall', sites: 'all', actor: 'bench' });
  const asSession = { cookie };
  const asDisplay = { authorization: `Bearer ${display.token}` };

  async function timed(fn: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
    for (let i = 0; i < 10; i++) await fn();
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await fn();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    return { p50: percentile(ms, 50), p99: percentile(ms, 99) };
  }
  const overview = (headers: Record<string, string>) => async () => {
    const reply = await fetch(`${url}/trpc/metrics.overview`, { headers });
    if (reply.status !== 200) throw new Error(`overview answered ${reply.status}`);
    await reply.arrayBuffer();
  };
  const line = (label: string, r: { p50: number; p99: number }, ref?: { p50: number }) =>
    console.log(
      `[bench:auth] ${label.padEnd(44)} p50 ${fmt(r.p50, 2).padStart(7)} ms  p99 ${fmt(r.p99, 2).padStart(7)} ms${
        ref ? `  (p50 ×${fmt(r.p50 / ref.p50, 2)} of no auth)` : ''
      }`,
    );
  const settings = { staleAfterS: 120, heartbeatTimeoutS: 90 };
  const noAuth = await timed(async () => JSON.stringify(await getOverview(database.db, settings)));
  line('metrics.overview, no auth (service + JSON)', noAuth);
  line('metrics.overview over HTTP, session cookie', await timed(overview(asSession)), noAuth);
  line('metrics.overview over HTTP, display token', await timed(overview(asDisplay)), noAuth);
  const sessionHeaders = new Headers(asSession);
  const displayHeaders = new Headers(asDisplay);
  line('principal check alone, session cookie', await timed(() => access.principalOf(sessionHeaders)));
  line('principal check alone, display token', await timed(() => access.principalOf(displayHeaders)));

  // Live fan-out.
  const controllers: AbortController[] = [];
  const arrivals: number[][] = [];
  const streams = await Promise.all(
    Array.from({ length: SUBSCRIBERS }, async (_, i) => {
      const controller = new AbortController();
      controllers.push(controller);
      const reply = await fetch(`${url}/trpc/live.changes`, {
        headers: { ...(i % 2 === 0 ? asSession : asDisplay), accept: 'text/event-stream' },
        signal: controller.signal,
      });
      if (reply.status !== 200 || !reply.body) throw new Error(`subscriber ${i}: ${reply.status}`);
      const mine: number[] = [];
      arrivals.push(mine);
      const decoder = new TextDecoder();
      void (async () => {
        try {
          for await (const chunk of reply.body as unknown as AsyncIterable<Uint8Array>) {
            if (decoder.decode(chunk, { stream: true }).includes('"streams"')) mine.push(performance.now());
          }
        } catch {
          // aborted at the end
        }
      })();
    }),
  );
  if (streams.length !== SUBSCRIBERS) throw new Error('not every subscriber connected');
  await new Promise((resolve) => setTimeout(resolve, 3_000)); // every stream subscribed, a re-check round done
  const latencies: number[] = [];
  for (let n = 0; n < INGESTS; n++) {
    const reply = await fetch(`${url}/trpc/ingest.callEvents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [{ siteId: 'site-00', callId: `fan-${n}`, kind: 'offered', at: new Date().toISOString() }],
      }),
    });
    const answered = performance.now();
    if (reply.status !== 200) throw new Error(`ingest answered ${reply.status}`);
    const until = performance.now() + 10_000;
    while (arrivals.some((a) => a.length <= n) && performance.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    for (const a of arrivals) {
      const at = a[n];
      if (at !== undefined) latencies.push(Math.max(0, at - answered));
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  latencies.sort((a, b) => a - b);
  const missed = SUBSCRIBERS * INGESTS - latencies.length;
  console.log(
    `[bench:auth] live fan-out, ${SUBSCRIBERS} subscribers (half sessions, half displays, re-checked every 2 s): ` +
      `p50 ${fmt(percentile(latencies, 50), 1)} ms  p99 ${fmt(percentile(latencies, 99), 1)} ms after the ingest's answer; ` +
      `${missed} of ${SUBSCRIBERS * INGESTS} messages missing`,
  );
  for (const controller of controllers) controller.abort();
  await created.live.close();
} finally {
  if (server && 'closeAllConnections' in server) server.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await bench.drop();
}
