import { readEnv } from '../../../env.ts';
import { apiCredentials } from '../../../lib/proxy/credentials.ts';
import { downstreamResponseHeaders, upstreamRequestHeaders } from '../../../lib/proxy/headers.ts';

/**
 * Same-origin proxy for the /admin/import upload: the CSV body is streamed on to the API as it arrives
 * (never buffered here; the API bounds its size and checks that the caller is an administrator).
 */
export const dynamic = 'force-dynamic';

export async function POST(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const headers = upstreamRequestHeaders(request.headers);
  apiCredentials(request.headers.get('cookie')).forEach((value, name) => {
    headers.set(name, value);
  });
  try {
    const upstream = await fetch(`${readEnv().API_URL}/import/calls.csv${url.search}`, {
      method: 'POST',
      headers,
      body: request.body,
      duplex: 'half',
      signal: request.signal,
      cache: 'no-store',
      redirect: 'manual',
    } as RequestInit);
    return new Response(upstream.body, {
      status: upstream.status,
      headers: downstreamResponseHeaders(upstream.headers),
    });
  } catch {
    return Response.json(
      { error: { code: 'BAD_GATEWAY', message: 'the Switchboard API is not reachable' } },
      { status: 502, headers: { 'cache-control': 'no-store' } },
    );
  }
}
