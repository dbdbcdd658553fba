DROP INDEX "system_status_system_site_at_idx";--> statement-breakpoint
CREATE INDEX "system_status_pair_at_idx" ON "system_status" USING btree ("system_id",coalesce("site_id", ''),"at");