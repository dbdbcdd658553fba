import { auditLog, type Db } from '@switchboard/db';

export async function audit(
  db: Pick<Db, 'insert'>,
  entry: { actor: string; action: string; subject: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db.insert(auditLog).values(entry);
}
