import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { IncidentView } from '../../../../components/cards/IncidentView.tsx';
import { currentUser } from '../../../../lib/auth/current-user.ts';
import { canOperate } from '../../../../lib/auth/roles.ts';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Incident' };

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n <= 0) notFound();
  return <IncidentView id={n} canOperate={canOperate(await currentUser())} />;
}
