import type { SessionUser } from './session.ts';

/** Managers and administrators operate (incidents, OPEL, paper mode, tallies); the API checks the same. */
export function canOperate(user: SessionUser | null): boolean {
  return user?.role === 'manager' || user?.role === 'admin';
}

/** Analysts and above may download CSV (the API's `export` permission). */
export const EXPORT_ROLES: readonly string[] = ['analyst', 'manager', 'admin'];
export const canExport = (role: string | undefined): boolean =>
  role !== undefined && EXPORT_ROLES.includes(role);
