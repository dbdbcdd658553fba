import type { Metadata } from 'next';
import { AlertChannels } from '../../../components/admin/alerts/AlertChannels.tsx';
import { AlertRules } from '../../../components/admin/alerts/AlertRules.tsx';
import { DeliveryLog } from '../../../components/admin/alerts/DeliveryLog.tsx';
import { FiringNow } from '../../../components/admin/alerts/FiringNow.tsx';
import { RequireRole } from '../../../components/admin/RequireRole.tsx';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Alerts' };

export default function Page() {
  return (
    <RequireRole roles={['admin', 'manager']}>
      <h1 className="nhsuk-heading-l">Alerts</h1>
      <p className="nhsuk-body">
        Tell people in Teams, by e-mail or through a webhook when a system is down, a site is off target, a
        feed goes quiet or an incident changes. Each alert is sent once, repeated if you ask, and followed by
        a resolved message. Alerts are held during planned maintenance.
      </p>
      <FiringNow />
      <AlertChannels />
      <AlertRules />
      <DeliveryLog />
    </RequireRole>
  );
}
