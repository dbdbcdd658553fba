ALTER TABLE "queue_day_rollups" ALTER COLUMN "samples" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_day_rollups" ALTER COLUMN "waiting_sum" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_day_rollups" ALTER COLUMN "agents_available_sum" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_5min_rollups" ALTER COLUMN "samples" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_5min_rollups" ALTER COLUMN "waiting_sum" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_5min_rollups" ALTER COLUMN "agents_available_sum" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_hour_rollups" ALTER COLUMN "samples" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_hour_rollups" ALTER COLUMN "waiting_sum" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_hour_rollups" ALTER COLUMN "agents_available_sum" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_minute_rollups" ALTER COLUMN "samples" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_minute_rollups" ALTER COLUMN "waiting_sum" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "queue_minute_rollups" ALTER COLUMN "agents_available_sum" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "call_events" ADD COLUMN "key_id" text;--> statement-breakpoint
ALTER TABLE "queue_snapshots" ADD COLUMN "key_id" text;--> statement-breakpoint
ALTER TABLE "system_status" ADD COLUMN "key_id" text;