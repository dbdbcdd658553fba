'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'All sites', current: (path: string) => path === '/' || path.startsWith('/sites') },
  { href: '/systems', label: 'Systems', current: (path: string) => path.startsWith('/systems') },
  { href: '/incidents', label: 'Incidents', current: (path: string) => path.startsWith('/incidents') },
];
const EXPORTS = {
  href: '/exports',
  label: 'Exports',
  current: (path: string) => path.startsWith('/exports'),
};
const ADMIN = { href: '/admin', label: 'Admin', current: (path: string) => path.startsWith('/admin') };

export function NavLinks({ admin = false, exports = false }: { admin?: boolean; exports?: boolean }) {
  const path = usePathname() ?? '/';
  const links = [...LINKS, ...(exports ? [EXPORTS] : []), ...(admin ? [ADMIN] : [])];
  return (
    <ul className="nhsuk-header__navigation-list">
      {links.map((link) => {
        const current = link.current(path);
        return (
          <li
            key={link.href}
            className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}
          >
            <Link
              className="nhsuk-header__navigation-link"
              href={link.href}
              aria-current={current ? 'page' : undefined}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
