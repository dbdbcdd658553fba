import { DomainError } from '../../errors.ts';

/**
 * Refuses the batch (400) if an item is older than the raw data already pruned (`mark`; null when nothing
 * ever was): its raw twin may be gone, so storing it could count a retried item twice in the rollups; the
 * error names the item and the limit. The mark is read in every batch's transaction (one primary-key
 * lookup, see storeBatch), so a prune is seen by the next batch; a batch checked in the instant a daily
 * prune raises the mark could still slip through, with items that old.
 */
export function refuseTooOld(field: string, items: readonly { at: string }[], mark: string | null): void {
  if (mark === null) return;
  const before = Date.parse(mark);
  const index = items.findIndex((item) => Date.parse(item.at) < before);
  if (index >= 0) {
    throw new DomainError(
      'invalid',
      `${field}[${index}].at: older than the raw data kept (RETENTION_RAW_DAYS): only instants from ` +
        `${mark} on are taken`,
    );
  }
}
