CREATE TABLE "call_day_answer_bins" (
	"site_id" text NOT NULL,
	"day" date NOT NULL,
	"bin" smallint NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "call_day_answer_bins_site_id_day_bin_pk" PRIMARY KEY("site_id","day","bin")
);
--> statement-breakpoint
CREATE TABLE "call_hour_answer_bins" (
	"site_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"bin" smallint NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "call_hour_answer_bins_site_id_hour_bin_pk" PRIMARY KEY("site_id","hour","bin")
);
--> statement-breakpoint
CREATE TABLE "call_minute_answer_bins" (
	"site_id" text NOT NULL,
	"queue" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"bin" smallint NOT NULL,
	"calls" integer NOT NULL,
	CONSTRAINT "call_minute_answer_bins_site_id_minute_queue_bin_pk" PRIMARY KEY("site_id","minute","queue","bin")
);
--> statement-breakpoint
CREATE TABLE "call_day_rollups" (
	"site_id" text NOT NULL,
	"day" date NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"answered_within_60s" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"abandoned_after_30s" integer DEFAULT 0 NOT NULL,
	"answer_ms_sum" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "call_day_rollups_site_id_day_pk" PRIMARY KEY("site_id","day")
);
--> statement-breakpoint
CREATE TABLE "call_hour_rollups" (
	"site_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"answered_within_60s" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"abandoned_after_30s" integer DEFAULT 0 NOT NULL,
	"answer_ms_sum" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "call_hour_rollups_site_id_hour_pk" PRIMARY KEY("site_id","hour")
);
--> statement-breakpoint
CREATE TABLE "queue_day_rollups" (
	"site_id" text NOT NULL,
	"queue" text NOT NULL,
	"day" date NOT NULL,
	"samples" integer DEFAULT 0 NOT NULL,
	"waiting_sum" integer DEFAULT 0 NOT NULL,
	"waiting_max" integer DEFAULT 0 NOT NULL,
	"longest_wait_max_ms" integer DEFAULT 0 NOT NULL,
	"agents_available_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_day_rollups_site_id_day_queue_pk" PRIMARY KEY("site_id","day","queue")
);
--> statement-breakpoint
CREATE TABLE "queue_hour_rollups" (
	"site_id" text NOT NULL,
	"queue" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"samples" integer DEFAULT 0 NOT NULL,
	"waiting_sum" integer DEFAULT 0 NOT NULL,
	"waiting_max" integer DEFAULT 0 NOT NULL,
	"longest_wait_max_ms" integer DEFAULT 0 NOT NULL,
	"agents_available_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_hour_rollups_site_id_hour_queue_pk" PRIMARY KEY("site_id","hour","queue")
);
--> statement-breakpoint
CREATE TABLE "queue_minute_rollups" (
	"site_id" text NOT NULL,
	"queue" text NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"samples" integer DEFAULT 0 NOT NULL,
	"waiting_sum" integer DEFAULT 0 NOT NULL,
	"waiting_max" integer DEFAULT 0 NOT NULL,
	"longest_wait_max_ms" integer DEFAULT 0 NOT NULL,
	"agents_available_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_minute_rollups_site_id_minute_queue_pk" PRIMARY KEY("site_id","minute","queue")
);
--> statement-breakpoint
ALTER TABLE "call_minute_rollups" DROP CONSTRAINT "call_minute_rollups_site_id_queue_minute_pk";--> statement-breakpoint
ALTER TABLE "call_minute_rollups" ADD CONSTRAINT "call_minute_rollups_site_id_minute_queue_pk" PRIMARY KEY("site_id","minute","queue");--> statement-breakpoint
ALTER TABLE "call_day_answer_bins" ADD CONSTRAINT "call_day_answer_bins_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_hour_answer_bins" ADD CONSTRAINT "call_hour_answer_bins_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_minute_answer_bins" ADD CONSTRAINT "call_minute_answer_bins_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_day_rollups" ADD CONSTRAINT "call_day_rollups_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "call_hour_rollups" ADD CONSTRAINT "call_hour_rollups_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_day_rollups" ADD CONSTRAINT "queue_day_rollups_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_hour_rollups" ADD CONSTRAINT "queue_hour_rollups_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_minute_rollups" ADD CONSTRAINT "queue_minute_rollups_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "call_day_answer_bins_day_idx" ON "call_day_answer_bins" USING btree ("day");--> statement-breakpoint
CREATE INDEX "call_hour_answer_bins_hour_idx" ON "call_hour_answer_bins" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "call_minute_answer_bins_minute_idx" ON "call_minute_answer_bins" USING btree ("minute");--> statement-breakpoint
CREATE INDEX "call_day_rollups_day_idx" ON "call_day_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "call_hour_rollups_hour_idx" ON "call_hour_rollups" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "queue_day_rollups_day_idx" ON "queue_day_rollups" USING btree ("day");--> statement-breakpoint
CREATE INDEX "queue_hour_rollups_hour_idx" ON "queue_hour_rollups" USING btree ("hour");--> statement-breakpoint
CREATE INDEX "queue_minute_rollups_minute_idx" ON "queue_minute_rollups" USING btree ("minute");--> statement-breakpoint
CREATE INDEX "call_minute_rollups_minute_idx" ON "call_minute_rollups" USING btree ("minute");--> statement-breakpoint
ALTER TABLE "call_minute_rollups" DROP COLUMN "answer_hist";