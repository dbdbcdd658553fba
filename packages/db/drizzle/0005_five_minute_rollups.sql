CREATE TABLE "call_5min_rollups" (
	"site_id" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"answered_within_60s" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"abandoned_after_30s" integer DEFAULT 0 NOT NULL,
	"answer_ms_sum" bigint DEFAULT 0 NOT NULL,
	"answer_bins" smallint[] DEFAULT '{}' NOT NULL,
	"answer_bin_calls" integer[] DEFAULT '{}' NOT NULL,
	CONSTRAINT "call_5min_rollups_bucket_site_id_pk" PRIMARY KEY("bucket","site_id")
);
--> statement-breakpoint
CREATE TABLE "queue_5min_rollups" (
	"site_id" text NOT NULL,
	"queue" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"samples" integer DEFAULT 0 NOT NULL,
	"waiting_sum" integer DEFAULT 0 NOT NULL,
	"waiting_max" integer DEFAULT 0 NOT NULL,
	"longest_wait_max_ms" integer DEFAULT 0 NOT NULL,
	"agents_available_sum" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "queue_5min_rollups_bucket_site_id_queue_pk" PRIMARY KEY("bucket","site_id","queue")
);
