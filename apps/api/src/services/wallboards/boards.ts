import { randomBytes } from 'node:crypto';
import {
  WALLBOARD_LIMITS,
  type WallboardPage,
  type WallboardView,
  wallboardPagesField,
} from '@switchboard/contracts';
import { type Db, displays, wallboards } from '@switchboard/db';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { type Principal, type Sites, sitesFromStored, sitesToStored } from '../../auth/principal.ts';
import { inScope } from '../../auth/scope.ts';
import { DomainError } from '../../errors.ts';
import { type Actor, actorOf, audit } from '../audit.ts';
import { checkSites } from '../sites.ts';

type Row = typeof wallboards.$inferSelect;

/** A stored board as the API answers it (pages re-checked: a row that no longer parses shows no pages). */
function toView(row: Row): WallboardView {
  const pages = wallboardPagesField.safeParse(row.pages);
  return {
    id: row.id,
    name: row.name,
    sites: sitesFromStored(row.siteIds),
    pages: pages.success ? pages.data : [],
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Whether every site of a board is within a principal's scope ("all" only for an all-sites principal). */
export function boardInScope(principal: Principal, sites: Sites): boolean {
  if (principal.kind === 'feed') return false;
  if (sites === 'all') return principal.sites === 'all';
  return sites.every((id) => inScope(principal, id));
}

/** Managers' sites must cover the board's sites, or the board would show figures they may not see. */
function checkWithinScope(principal: Principal, sites: Sites): void {
  if (!boardInScope(principal, sites))
    throw new DomainError('forbidden', 'sites: a board may only show sites within your own scope');
}

async function findBoard(db: Db, id: string): Promise<Row | undefined> {
  const [row] = await db.select().from(wallboards).where(eq(wallboards.id, id)).limit(1);
  return row;
}

/** The boards a principal may read: a display its own; a person those within scope. */
export async function listBoards(db: Db, principal: Principal): Promise<WallboardView[]> {
  const rows = await db
    .select()
    .from(wallboards)
    .orderBy(asc(wallboards.name))
    .limit(WALLBOARD_LIMITS.maxBoards);
  return rows.map(toView).filter((board) => canRead(principal, board));
}

function canRead(principal: Principal, board: WallboardView): boolean {
  if (principal.kind === 'display') return principal.boardId === board.id;
  return boardInScope(principal, board.sites);
}

/** One board; "not found" for a board the principal may not read (its existence is not revealed). */
export async function getBoard(db: Db, principal: Principal, id: string): Promise<WallboardView> {
  const row = await findBoard(db, id);
  const board = row ? toView(row) : null;
  if (!board || !canRead(principal, board)) throw new DomainError('not_found', `id: no board ${id}`);
  return board;
}

export async function createBoard(
  db: Db,
  principal: Principal,
  input: Actor & { name: string; sites: Sites; pages: WallboardPage[] },
): Promise<WallboardView> {
  checkWithinScope(principal, input.sites);
  await checkSites(db, input.sites);
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(wallboards);
  if (n >= WALLBOARD_LIMITS.maxBoards)
    throw new DomainError('conflict', `at most ${WALLBOARD_LIMITS.maxBoards} boards: delete one first`);
  const id = `wb_${randomBytes(5).toString('hex')}`;
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(wallboards)
      .values({
        id,
        name: input.name,
        siteIds: sitesToStored(input.sites),
        pages: input.pages,
        createdBy: input.actor,
      })
      .returning();
    await audit(tx, {
      ...actorOf(input),
      action: 'wallboard.create',
      subject: id,
      detail: { name: input.name, sites: input.sites, pages: input.pages.length },
    });
    return created;
  });
  if (!row) throw new Error('wallboard insert returned nothing');
  return toView(row);
}

export async function updateBoard(
  db: Db,
  principal: Principal,
  input: Actor & {
    id: string;
    name?: string | undefined;
    sites?: Sites | undefined;
    pages?: WallboardPage[] | undefined;
  },
): Promise<WallboardView> {
  const current = await getBoard(db, principal, input.id);
  if (input.sites) {
    checkWithinScope(principal, input.sites);
    await checkSites(db, input.sites);
  }
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(wallboards)
      .set({
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.sites !== undefined ? { siteIds: sitesToStored(input.sites) } : {}),
        ...(input.pages !== undefined ? { pages: input.pages } : {}),
        updatedAt: new Date(),
      })
      .where(eq(wallboards.id, input.id))
      .returning();
    // Displays read the sites of the board they show.
    if (input.sites !== undefined)
      await tx
        .update(displays)
        .set({ siteIds: sitesToStored(input.sites) })
        .where(eq(displays.boardId, input.id));
    await audit(tx, {
      ...actorOf(input),
      action: 'wallboard.update',
      subject: input.id,
      detail: { name: input.name ?? current.name, sites: input.sites, pages: input.pages?.length },
    });
    return updated;
  });
  if (!row) throw new DomainError('not_found', `id: no board ${input.id}`);
  return toView(row);
}

export async function deleteBoard(
  db: Db,
  principal: Principal,
  input: Actor & { id: string },
): Promise<void> {
  const board = await getBoard(db, principal, input.id);
  await db.transaction(async (tx) => {
    const [using] = await tx
      .select({ n: count() })
      .from(displays)
      .where(and(eq(displays.boardId, input.id), isNull(displays.revokedAt)));
    if ((using?.n ?? 0) > 0)
      throw new DomainError(
        'conflict',
        `id: ${using?.n} display(s) show this board: assign them another first`,
      );
    await tx.update(displays).set({ boardId: null }).where(eq(displays.boardId, input.id));
    await tx.delete(wallboards).where(eq(wallboards.id, input.id));
    await audit(tx, {
      ...actorOf(input),
      action: 'wallboard.delete',
      subject: input.id,
      detail: { name: board.name },
    });
  });
}
