-- Edited after drizzle-kit generate: last_seen_at is added nullable, filled from at, then set NOT NULL (the
-- generated ADD COLUMN ... NOT NULL fails on a table that holds rows).
DROP INDEX "system_status_at_idx";--> statement-breakpoint
ALTER TABLE "system_status" ADD COLUMN "last_seen_at" timestamp with time zone;--> statement-breakpoint
UPDATE "system_status" SET "last_seen_at" = "at";--> statement-breakpoint
ALTER TABLE "system_status" ALTER COLUMN "last_seen_at" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "system_status" ADD COLUMN "max_gap_ms" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "system_status_pair_last_seen_idx" ON "system_status" USING btree ("system_id",coalesce("site_id", ''),"last_seen_at");--> statement-breakpoint
CREATE INDEX "system_status_last_seen_idx" ON "system_status" USING btree ("last_seen_at");