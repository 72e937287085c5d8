ALTER TABLE "claims" ADD COLUMN "headline" text;--> statement-breakpoint
ALTER TABLE "claims" ADD COLUMN "parts" jsonb;