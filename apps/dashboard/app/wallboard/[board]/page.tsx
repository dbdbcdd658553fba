import { cookies } from 'next/headers';
import { WallboardApp } from '../../../components/wallboard/WallboardApp.tsx';
import { readEnv } from '../../../env.ts';
import { DISPLAY_COOKIE } from '../../../lib/proxy/credentials.ts';

export const dynamic = 'force-dynamic';

/** One board: read as this browser's display when it holds a display token, else as the signed-in person. */
export default async function Page({ params }: { params: Promise<{ board: string }> }) {
  const { board } = await params;
  const asDisplay = (await cookies()).has(DISPLAY_COOKIE);
  return (
    <WallboardApp
      as={asDisplay ? 'display' : 'user'}
      boardId={/^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/.test(board) ? board : 'invalid'}
      quietHour={readEnv().WALLBOARD_RELOAD_HOUR}
    />
  );
}
