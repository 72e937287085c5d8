ALTER TABLE "articles" ADD COLUMN "origin_basis" text;--> statement-breakpoint
ALTER TABLE "articles" ADD COLUMN "origin_reason" text;--> statement-breakpoint
ALTER TABLE "drifts" ADD COLUMN "variants" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "drifts" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "claims" jsonb DEFAULT '[]'::jsonb NOT NULL;