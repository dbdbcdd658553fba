import './wallboard.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';

export const metadata: Metadata = { title: 'Wallboard' };

/** The TV surface: dark, full screen, no navigation. */
export default function WallboardLayout({ children }: { children: ReactNode }) {
  return <div className="app-wb-root">{children}</div>;
}
