import { redirect } from 'next/navigation';
import { sectionsFor } from '../../components/layout/AdminShell.tsx';
import { currentUser } from '../../lib/auth/current-user.ts';

export const dynamic = 'force-dynamic';

/** /admin: the first section this person may use. */
export default async function AdminPage() {
  const user = await currentUser();
  redirect(sectionsFor(user?.role ?? '')[0]?.href ?? '/');
}
