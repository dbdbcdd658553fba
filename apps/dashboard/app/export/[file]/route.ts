import { readEnv } from '../../../env.ts';
import { forward } from '../../../lib/proxy/forward.ts';

/**
 * Same-origin proxy to the API's CSV exports (GET /export/<name>.csv), so a plain `<a href download>` on a
 * page downloads with the session cookie, and a script may use the dashboard's address with
 * `Authorization: Bearer <export token>`. The API checks who asks and streams the file back unbuffered.
 */
export const dynamic = 'force-dynamic';

const EXPORT_NAME = /^\/export\/[a-z][a-z0-9-]{0,40}\.csv$/;
const errorBody = (status: number, message: string) => ({ error: { code: String(status), message } });

export async function GET(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (!EXPORT_NAME.test(url.pathname))
    return Response.json(errorBody(404, 'no such export'), {
      status: 404,
      headers: { 'cache-control': 'no-store' },
    });
  return forward(request, `${readEnv().API_URL}${url.pathname}${url.search}`, {
    bodyLimit: 0,
    errorBody,
    passBearer: 'sbx_',
  });
}
