CREATE TABLE "heartbeat_expectations" (
	"system_id" text NOT NULL,
	"site_id" text,
	"period_s" integer NOT NULL,
	"grace_s" integer NOT NULL,
	CONSTRAINT "heartbeat_expectations_stream" UNIQUE NULLS NOT DISTINCT("system_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "probes" (
	"id" text PRIMARY KEY NOT NULL,
	"system_id" text NOT NULL,
	"site_id" text,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	"component" text,
	"expect_status" integer,
	"expect_keyword" text,
	"expect_json_path" text,
	"expect_json_value" text,
	"degraded_ms" integer,
	"interval_s" integer NOT NULL,
	"timeout_ms" integer NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "system_status" ADD COLUMN "response_ms" integer;--> statement-breakpoint
ALTER TABLE "heartbeat_expectations" ADD CONSTRAINT "heartbeat_expectations_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "heartbeat_expectations" ADD CONSTRAINT "heartbeat_expectations_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "probes" ADD CONSTRAINT "probes_system_id_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "probes" ADD CONSTRAINT "probes_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "probes_due_idx" ON "probes" USING btree ("lease_until") WHERE "probes"."enabled";