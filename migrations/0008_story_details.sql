ALTER TABLE "stories" ADD COLUMN "details" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "claim_sources" jsonb DEFAULT '{}'::jsonb NOT NULL;