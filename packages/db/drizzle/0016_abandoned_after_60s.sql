ALTER TABLE "call_day_rollups" ADD COLUMN "abandoned_after_60s" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "call_5min_rollups" ADD COLUMN "abandoned_after_60s" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "call_hour_rollups" ADD COLUMN "abandoned_after_60s" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "call_minute_rollups" ADD COLUMN "abandoned_after_60s" integer DEFAULT 0 NOT NULL;