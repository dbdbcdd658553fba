import { auditLog, type Db } from '@switchboard/db';
import { and, desc, eq, gte, lt, lte } from 'drizzle-orm';

/** Who acted — `user:<email>`, `display:<id>`, `key:<id>` or `cli:<name>` — and from which address. */
export interface Actor {
  actor: string;
  address?: string | null | undefined;
}

/** The actor part of a service's input. */
export const actorOf = (input: Actor): Actor => ({ actor: input.actor, address: input.address ?? null });

export async function audit(
  db: Pick<Db, 'insert'>,
  entry: Actor & { action: string; subject: string; detail?: Record<string, unknown> | undefined },
): Promise<void> {
  await db.insert(auditLog).values({ ...entry, address: entry.address ?? null });
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  /** An entry id: entries older than it (the `next` of the previous page). */
  before?: number | undefined;
}

/** Newest first, at most `limit`; `next` pages on. */
export async function listAudit(db: Db, filter: AuditFilter) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(
      and(
        filter.actor ? eq(auditLog.actor, filter.actor) : undefined,
        filter.action ? eq(auditLog.action, filter.action) : undefined,
        filter.from ? gte(auditLog.at, new Date(filter.from)) : undefined,
        filter.to ? lte(auditLog.at, new Date(filter.to)) : undefined,
        filter.before ? lt(auditLog.id, filter.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actor,
      action: row.action,
      target: row.subject,
      detail: row.detail ?? null,
      address: row.address,
    })),
    next: rows.length > filter.limit ? page.at(-1)?.id : undefined,
  };
}
