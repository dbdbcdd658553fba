ALTER TABLE "sites" ADD COLUMN "org_code" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "contract_code" text;--> statement-breakpoint
ALTER TABLE "sites" ADD COLUMN "contract_name" text;