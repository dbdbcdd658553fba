import type { ReactNode } from 'react';
import { SignedInShell } from '../../components/layout/SignedInShell.tsx';

/** Pages behind sign-in (proxy.ts sends anyone else to /sign-in first). */
export default function SignedInLayout({ children }: { children: ReactNode }) {
  return <SignedInShell>{children}</SignedInShell>;
}
