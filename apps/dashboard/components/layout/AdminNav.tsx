'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** The admin sections this person may use, the current one marked. */
export function AdminNav({ sections }: { sections: readonly { href: string; label: string }[] }) {
  const path = usePathname() ?? '';
  return (
    <nav aria-label="Admin sections" className="app-admin-nav">
      <ul className="nhsuk-list app-admin-nav__list">
        {sections.map((section) => {
          const current = path.startsWith(section.href);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={current ? 'page' : undefined}
                className={current ? 'app-admin-nav__current' : undefined}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
