import type { ReactNode } from 'react';
import { Providers } from '../../app/providers.tsx';
import type { SessionUser } from '../../lib/auth/session.ts';
import { AdminNav } from './AdminNav.tsx';
import { Footer } from './Footer.tsx';
import { Header } from './Header.tsx';

export const ADMIN_SECTIONS = [
  { href: '/admin/users', label: 'People', roles: ['admin'] },
  { href: '/admin/keys', label: 'Feed keys', roles: ['admin'] },
  { href: '/admin/sites', label: 'Sites and systems', roles: ['admin'] },
  { href: '/admin/import', label: 'Import call history', roles: ['admin'] },
  { href: '/admin/probes', label: 'Probes', roles: ['admin'] },
  { href: '/admin/displays', label: 'Displays', roles: ['admin', 'manager'] },
  { href: '/admin/wallboards', label: 'Wallboards', roles: ['admin', 'manager'] },
  { href: '/admin/alerts', label: 'Alerts', roles: ['admin', 'manager'] },
  { href: '/admin/audit', label: 'Audit log', roles: ['admin'] },
] as const;

export const sectionsFor = (role: string) =>
  ADMIN_SECTIONS.filter((s) => (s.roles as readonly string[]).includes(role));

/** The admin area: the header with the person, the sections they may use, the page. No live updates. */
export function AdminShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  return (
    <Providers live={false}>
      <Header user={user} />
      <div className="nhsuk-width-container-fluid app-container">
        <main className="nhsuk-main-wrapper nhsuk-main-wrapper--s" id="maincontent">
          <AdminNav sections={sectionsFor(user.role).map(({ href, label }) => ({ href, label }))} />
          {children}
        </main>
      </div>
      <Footer />
    </Providers>
  );
}
