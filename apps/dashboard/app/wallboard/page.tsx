import { cookies } from 'next/headers';
import { PairingScreen } from '../../components/wallboard/PairingScreen.tsx';
import { WallboardApp } from '../../components/wallboard/WallboardApp.tsx';
import { readEnv } from '../../env.ts';
import { DISPLAY_COOKIE } from '../../lib/proxy/credentials.ts';

export const dynamic = 'force-dynamic';

/** A paired TV shows its assigned board; a TV without a display token shows a pairing code. */
export default async function Page() {
  const paired = (await cookies()).has(DISPLAY_COOKIE);
  if (!paired) return <PairingScreen />;
  return <WallboardApp as="display" boardId={null} quietHour={readEnv().WALLBOARD_RELOAD_HOUR} />;
}
