CREATE TABLE "export_tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"secret_hash" text NOT NULL,
	"site_ids" text[] DEFAULT '{*}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "export_tokens_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "display_pairings" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"secret_hash" text NOT NULL,
	"address" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"display_id" text,
	"approved_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	CONSTRAINT "display_pairings_code_unique" UNIQUE("code"),
	CONSTRAINT "display_pairings_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "wallboards" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"site_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"pages" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "displays" ADD COLUMN "board_id" text;--> statement-breakpoint
ALTER TABLE "displays" ADD COLUMN "client_version" text;--> statement-breakpoint
ALTER TABLE "displays" ADD COLUMN "screen" text;--> statement-breakpoint
ALTER TABLE "displays" ADD COLUMN "last_reload_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "displays" ADD COLUMN "last_heartbeat_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "displays" ADD COLUMN "reload_requested_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "export_tokens_user_idx" ON "export_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "display_pairings_expires_idx" ON "display_pairings" USING btree ("expires_at");