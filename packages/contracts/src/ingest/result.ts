/** What every ingestion procedure answers: how many items were stored now, and how many were already stored. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
}
