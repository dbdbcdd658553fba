import Link from 'next/link';
import { PlainShell } from '../components/layout/PlainShell.tsx';

export default function NotFound() {
  return (
    <PlainShell>
      <h1 className="nhsuk-heading-l">Page not found</h1>
      <p>There is no site or page at this address. Site pages live at /sites/&lt;site-id&gt;.</p>
      <p>
        <Link href="/">See all sites</Link>
      </p>
    </PlainShell>
  );
}
