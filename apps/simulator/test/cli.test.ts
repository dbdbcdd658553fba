import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { callEventsInput, queueSnapshotsInput, systemStatusInput } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliConfig, parseCli, parseDuration } from '../src/cli-args.ts';
import { runFeed } from '../src/feeder.ts';

const env = { apiUrl: undefined, key: undefined };

describe('CLI flags', () => {
  it('parses durations', () => {
    expect(parseDuration('28d')).toBe(28 * 86_400_000);
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('15s')).toBe(15_000);
    expect(parseDuration('0')).toBe(0);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });

  it('reads the flags, with defaults from the environment', () => {
    const cfg = parseCli(
      [
        '--key',
        'K',
        '--sites',
        'a, b,c',
        '--scenario',
        'cas-outage',
        '--seed',
        '3',
        '--speed',
        '60',
        '--backfill',
        '2d',
      ],
      { apiUrl: 'http://api:4000', key: undefined },
    );
    expect(cfg).toMatchObject({
      apiUrl: 'http://api:4000',
      key: 'K',
      sites: ['a', 'b', 'c'],
      systems: ['cas', 'gp-booking', 'ambulance-cad', 'patient-record', 'telephony'],
      scenario: 'cas-outage',
      seed: 3,
      speed: 60,
      backfillMs: 2 * 86_400_000,
      replayMs: 6 * 3_600_000,
      outageAt: '07:00',
      outageMs: 6 * 3_600_000,
      snapshotEveryMs: 15_000,
      heartbeatEveryMs: 30_000,
    });
    expect(parseCli(['--help'], env)).toBe('help');
    expect(() => parseCli(['--key', 'K', '--sites', 'a', '--scenario', 'meteor'], env)).toThrow(/--scenario/);
    expect(() => parseCli(['--sites', 'a'], env)).toThrow(/--key/);
    expect(() => parseCli(['--key', 'K'], env)).toThrow(/--sites/);
    expect(() => parseCli(['--key', 'K', '--sites', 'a', '--systems', 'cas,email'], env)).toThrow(/"email"/);
    expect(parseCli(['--key', 'K', '--sites', 'a', '--systems', 'cas,telephony'], env)).toMatchObject({
      systems: ['cas', 'telephony'],
    });
  });
});

describe('runFeed against a real HTTP server', () => {
  const bodies: { path: string; body: Record<string, { at: string }[]> }[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = JSON.parse(raw) as Record<string, { at: string }[]>;
      bodies.push({ path: req.url ?? '', body });
      const n = Object.values(body)[0]?.length ?? 0;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: { data: { accepted: n, duplicates: 0 } } }));
    });
  });
  let apiUrl = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const base = (): CliConfig => ({
    apiUrl,
    key: 'K',
    sites: ['a', 'b'],
    systems: ['cas', 'gp-booking', 'telephony'],
    scenario: 'cas-outage',
    seed: 1,
    speed: 1,
    backfillMs: 2 * 3_600_000,
    replayMs: 0,
    outageAt: new Date(Date.now() - 3_600_000).toISOString(),
    outageMs: 3 * 3_600_000,
    snapshotEveryMs: 15_000,
    heartbeatEveryMs: 30_000,
    callsPerDay: 1_800,
    staffing: 1,
    runId: undefined,
    concurrency: 2,
    once: true,
    dryRun: false,
  });

  it('backfills through the contract, never into the future, with the same ids on a restart', async () => {
    bodies.length = 0;
    const lines: string[] = [];
    // One configuration for both runs: a restart keeps its outage time (base() reads the clock).
    const config = base();
    const poster = await runFeed(config, { signal: new AbortController().signal, log: (l) => lines.push(l) });
    const done = Date.now();
    const first = bodies.splice(0);
    expect(new Set(first.map((b) => b.path)).size).toBe(3);
    for (const { path, body } of first) {
      if (path === '/trpc/ingest.callEvents') callEventsInput.parse(body);
      else if (path === '/trpc/ingest.queueSnapshots') queueSnapshotsInput.parse(body);
      else if (path === '/trpc/ingest.systemStatus') systemStatusInput.parse(body);
      else throw new Error(`unexpected path ${path}`);
      for (const item of Object.values(body)[0] ?? []) expect(Date.parse(item.at)).toBeLessThanOrEqual(done);
    }
    const probes = first.flatMap(
      (b) => (b.body.statuses ?? []) as unknown as { source: string; status: string }[],
    );
    expect(probes.some((s) => s.source === 'probe' && s.status === 'down')).toBe(true);
    expect(poster.totals.callEvents.posted).toBe(poster.totals.callEvents.accepted);
    expect(lines.some((l) => l.includes('backfilled to'))).toBe(true);

    await runFeed(config, { signal: new AbortController().signal, log: () => {} });
    const ids = (list: typeof first) =>
      list
        .flatMap((b) => (b.body.events ?? []) as unknown as { callId: string; kind: string }[])
        .map((e) => `${e.callId}/${e.kind}`);
    const again = new Set(ids(bodies.splice(0)));
    expect(ids(first).every((id) => again.has(id))).toBe(true);
  });

  it('warms up without posting before --post-from, and stops the backfill at --until', async () => {
    bodies.length = 0;
    const now = Date.now();
    const outage = new Date(Math.floor(now / 60_000) * 60_000 - 45 * 60_000).toISOString();
    // The demo's live feed: the outage began 45 minutes ago, only those minutes are posted.
    await runFeed(
      { ...base(), backfillMs: 86_400_000, postFrom: outage, outageAt: outage, outageMs: 2 * 3_600_000 },
      { signal: new AbortController().signal, log: () => {} },
    );
    const posted = bodies.splice(0).flatMap((b) => Object.values(b.body)[0] ?? []);
    expect(posted.length).toBeGreaterThan(0);
    expect(Math.min(...posted.map((i) => Date.parse(i.at)))).toBeGreaterThanOrEqual(Date.parse(outage));
    // The CAS is reported down from the first posted minute.
    const statuses = posted as unknown as { systemId: string; siteId: string; status: string; at: string }[];
    const casAtA = statuses.filter((s) => s.systemId === 'cas' && s.siteId === 'a' && s.status !== undefined);
    expect(casAtA.length).toBeGreaterThan(0);
    expect(casAtA.every((s) => s.status === 'down')).toBe(true);
    expect(Date.parse(casAtA[0]?.at ?? '')).toBeLessThan(Date.parse(outage) + 30_000);

    // The demo's first-start history: everything before the outage, nothing after.
    await runFeed(
      { ...base(), backfillMs: 2 * 3_600_000, until: outage, scenario: 'normal', once: false },
      { signal: new AbortController().signal, log: () => {} },
    );
    const history = bodies.splice(0).flatMap((b) => Object.values(b.body)[0] ?? []);
    expect(history.length).toBeGreaterThan(0);
    expect(Math.max(...history.map((i) => Date.parse(i.at)))).toBeLessThan(Date.parse(outage));
  });

  it('goes live, posting each second until stopped', async () => {
    bodies.length = 0;
    const stop = new AbortController();
    const cfg = {
      ...base(),
      backfillMs: 0,
      once: false,
      snapshotEveryMs: 1_000,
      scenario: 'normal' as const,
    };
    const running = runFeed(cfg, { signal: stop.signal, log: () => {} });
    // Wait for the condition, not for time: snapshots of both sites from two different seconds.
    const snapshotSeconds = () =>
      new Set(
        bodies
          .filter((b) => b.path.includes('queueSnapshots'))
          .flatMap((b) => Object.values(b.body)[0] ?? [])
          .map((i) => Math.floor(Date.parse(i.at) / 1_000)),
      );
    const end = Date.now() + 30_000;
    while (snapshotSeconds().size < 2 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    const poster = await running;
    expect(snapshotSeconds().size).toBeGreaterThanOrEqual(2);
    expect(poster.totals.queueSnapshots.posted).toBeGreaterThanOrEqual(2 * 2);
    const ats = bodies.flatMap((b) => Object.values(b.body)[0] ?? []).map((i) => Date.parse(i.at));
    expect(Math.max(...ats)).toBeLessThanOrEqual(Date.now());
  });
});
