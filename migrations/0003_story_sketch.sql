ALTER TABLE "stories" ADD COLUMN "sketch" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
CREATE INDEX "stories_sketch_idx" ON "stories" USING gin ("sketch") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "stories_entities_idx" ON "stories" USING gin ("entities") WITH (fastupdate=false);