CREATE TABLE "article_assertions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "article_assertions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"article_id" integer NOT NULL,
	"relation" text NOT NULL,
	"subject" text NOT NULL,
	"counterpart" text,
	"place" text,
	"negated" boolean DEFAULT false NOT NULL,
	"sentence" text NOT NULL,
	"figure" text
);
--> statement-breakpoint
ALTER TABLE "article_assertions" ADD CONSTRAINT "article_assertions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_assertions_article_idx" ON "article_assertions" USING btree ("article_id");--> statement-breakpoint
CREATE INDEX "article_assertions_parties_idx" ON "article_assertions" USING btree ("subject","relation");