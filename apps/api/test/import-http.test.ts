import { auditLog, callEvents } from '@switchboard/db';
import { testBackends } from '@switchboard/db/testing';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_MAX_BYTES } from '../src/import/http.ts';
import { startTestApi, type TestApi, type Who } from './harness.ts';

const HEADER = 'callId,kind,at,waitMs,queue,agentId\n';
const good = (n: number, prefix = 'u') =>
  HEADER +
  Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2026, 9, 1, 9, 0, i));
    const answered = new Date(at.getTime() + 20_000).toISOString();
    return `${prefix}${i},offered,${at.toISOString()},,,\n${prefix}${i},answered,${answered},20000,,a1\n`;
  }).join('');

describe.each(testBackends())('POST /import/calls.csv (the /admin/import upload) on %s', (backend) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(backend);
  });
  afterAll(() => api?.stop());

  const upload = (
    body: string | ReadableStream<Uint8Array>,
    init: { who?: Who; site?: string; headers?: Record<string, string> } = {},
  ) =>
    fetch(`${api.url}/import/calls.csv?siteId=${init.site ?? 'leeds'}`, {
      method: 'POST',
      headers: { ...api.as[init.who ?? 'admin'], 'content-type': 'text/csv', ...init.headers },
      body: body as RequestInit['body'],
      // (a stream body needs half duplex)
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
  const stored = async () =>
    Number((await api.database.db.select({ n: count() }).from(callEvents))[0]?.n ?? 0);

  it('imports a good file through the CLI’s import, streamed, counts duplicates, and audits it', async () => {
    const file = good(50);
    // Sent in small pieces, as a browser streams a large file.
    const bytes = new TextEncoder().encode(file);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 700) controller.enqueue(bytes.slice(i, i + 700));
        controller.close();
      },
    });
    const reply = await upload(stream);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ rows: 100, accepted: 100, duplicates: 0 });
    expect(await stored()).toBe(100);
    const again = await upload(file);
    expect(await again.json()).toEqual({ rows: 100, accepted: 0, duplicates: 100 });
    const audited = await api.database.db.select().from(auditLog).where(eq(auditLog.action, 'import.calls'));
    expect(audited.map((a) => [a.actor, a.subject])).toEqual([
      ['user:admin@test.nhs.net', 'leeds'],
      ['user:admin@test.nhs.net', 'leeds'],
    ]);
  });

  it('a bad row names its line and stores nothing', async () => {
    const before = await api.counts();
    const lines = good(30, 'b').split('\n');
    lines[41] = 'b20,answered,2026-10-01T09:00:40Z,,,'; // line 42 of the file: answered without a wait
    const reply = await upload(lines.join('\n'), { site: 'york' });
    expect(reply.status).toBe(422);
    const body = (await reply.json()) as { error: { message: string; line: number } };
    expect(body.error.line).toBe(42);
    expect(body.error.message).toContain('line 42: waitMs');
    expect(body.error.message).toContain('nothing was stored');
    expect(await api.counts()).toEqual(before);
  });

  it('refuses everyone but an admin, and hostile input, with 4xx and nothing stored', async () => {
    const before = await api.counts();
    for (const who of ['anonymous', 'viewer', 'analyst', 'manager', 'display', 'feed'] as const) {
      const reply = await upload(good(1), { who });
      expect(reply.status, who).toBe(who === 'anonymous' ? 401 : 403);
    }
    const cases: Array<[Promise<Response>, number, string]> = [
      [upload(good(1), { site: '' }), 400, 'siteId'],
      [upload(good(1), { site: '..%2Fetc' }), 400, 'siteId'],
      [upload(good(1), { site: 'atlantis' }), 422, 'atlantis'],
      [upload(good(1), { headers: { 'content-type': 'application/json' } }), 415, 'text/csv'],
      [upload('', {}), 422, 'empty'],
      [upload('callId,kind,at\n"unclosed,offered,2026-10-01T09:00:00Z\n'), 422, 'not valid CSV'],
      [upload('nonsense,header\n1,2\n'), 422, 'line 1'],
      [
        upload(good(1), { headers: { 'content-length': String(IMPORT_MAX_BYTES + 1) } }).catch(
          () => null,
        ) as Promise<Response>,
        413,
        'larger',
      ],
      [upload(good(1), { headers: { origin: 'https://evil.example' } }), 403, 'not allowed'],
    ];
    for (const [pending, status, words] of cases) {
      const reply = await pending;
      if (!reply) continue; // fetch itself refuses a lying content-length on some runtimes
      expect(reply.status, words).toBe(status);
      const text = await reply.text();
      expect(text, words).toContain(words);
      expect(text).not.toMatch(/stack|select |insert /i);
    }
    expect(await api.counts()).toEqual(before);
  });
});
