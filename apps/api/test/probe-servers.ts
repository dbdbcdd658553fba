import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Server as TcpServer } from 'node:net';

/** What the local HTTP server answers; tests change it between runs. */
export interface HttpBehaviour {
  status: number;
  body: string;
  contentType?: string;
  /** Never answer (the probe times out). */
  hang?: boolean;
}

/** A local HTTP server on 127.0.0.1 answering `behaviour` (and the Statuspage summary at /api/v2/summary.json). */
export async function startHttpServer(behaviour: HttpBehaviour) {
  const hanging = new Set<import('node:http').ServerResponse>();
  let hits = 0;
  const server: Server = createHttpServer((request, response) => {
    hits += 1;
    if (behaviour.hang) {
      hanging.add(response);
      return;
    }
    response.writeHead(behaviour.status, { 'content-type': behaviour.contentType ?? 'text/plain' });
    response.end(request.method === 'HEAD' ? undefined : behaviour.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Statuspage summary with the given components. */
export const summary = (components: Record<string, string>) =>
  JSON.stringify({
    page: { id: 'x', name: 'Supplier', url: 'https://status.example' },
    components: Object.entries(components).map(([name, status], i) => ({ id: `c${i}`, name, status })),
    status: { indicator: 'none', description: 'All Systems Operational' },
  });

/** A local TCP server on 127.0.0.1 that accepts and closes. */
export async function startTcpServer() {
  const server: TcpServer = createTcpServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    target: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port on 127.0.0.1 with nothing listening (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A clock that moves only when told, or by `step` ms at every read. */
export function fakeClock(start: number, step = 0) {
  let now = start;
  return {
    now: () => {
      const at = now;
      now += step;
      return at;
    },
    advance: (ms: number) => {
      now += ms;
    },
    set: (ms: number) => {
      now = ms;
    },
  };
}

/** Polls `condition` until it holds (a condition, not a sleep), failing after `limitMs`. */
export async function waitFor<T>(
  condition: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  limitMs = 20_000,
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() - started > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
