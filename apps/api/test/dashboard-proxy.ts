import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleProxy } from '../../dashboard/lib/proxy/handler.ts';

/**
 * The dashboard's same-origin proxies (its server's own handler, lib/proxy/handler.ts) on 127.0.0.1 in front
 * of the API at `apiUrl`; anything that is not a proxy path gets 404 here (in the dashboard, Next's pages).
 */
export async function startDashboardProxy(apiUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((request, response) => {
    if (!handleProxy(request, response, apiUrl)) response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * POSTs a body of `bytes` made as it is sent, in 64 KB chunks (nothing of it exists in memory up front),
 * without declaring its length; stops sending once the answer comes. Resolves with the answer.
 */
export function postStreaming(url: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json' } });
    request.once('response', (response) => {
      answered = true;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (part: string) => {
        body += part;
      });
      response.once('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    // Once answered, a connection the proxy closes mid-upload is expected.
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < bytes) {
        sent += chunk.byteLength;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}
