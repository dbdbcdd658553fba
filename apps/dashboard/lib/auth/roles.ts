import type { SessionUser } from './session.ts';

/** Managers and administrators operate (incidents, OPEL, paper mode, tallies); the API checks the same. */
export function canOperate(user: SessionUser | null): boolean {
  return user?.role === 'manager' || user?.role === 'admin';
}
