import { z } from 'zod';

/** What every ingestion procedure answers: how many items were stored now, and how many were already stored. */
export const ingestResultSchema = z.object({ accepted: z.number().int(), duplicates: z.number().int() });
export type IngestResult = z.infer<typeof ingestResultSchema>;
