CREATE TABLE "readiness_snapshots" (
	"key" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	"data" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "review_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"workspace_id" integer NOT NULL,
	"channel_id" integer,
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"source" text NOT NULL,
	"source_id" integer NOT NULL,
	"choice" text NOT NULL,
	"correct" boolean NOT NULL,
	"rating" integer NOT NULL,
	"guessed" boolean DEFAULT false NOT NULL,
	"reviewed_at" timestamp with time zone NOT NULL,
	"elapsed_days" double precision,
	"card_before" jsonb,
	"applied" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "adaptive" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "exam_date" text;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "stability" double precision DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "reviews" ADD COLUMN "first_correct" boolean;--> statement-breakpoint
ALTER TABLE "review_log" ADD CONSTRAINT "review_log_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "review_log_member_source_idx" ON "review_log" USING btree ("member_id","source","source_id");--> statement-breakpoint
CREATE INDEX "review_log_pending_idx" ON "review_log" USING btree ("member_id") WHERE not "review_log"."applied";--> statement-breakpoint
CREATE INDEX "review_log_channel_idx" ON "review_log" USING btree ("channel_id","reviewed_at");--> statement-breakpoint
-- Hand-written: the review log starts from the history already stored (daily answers and answered practice
-- prompts, rated Good or Again), and cards are rebuilt from it in time order by the readiness pass.
INSERT INTO "review_log" ("member_id", "workspace_id", "channel_id", "deck_id", "question_id", "source", "source_id", "choice", "correct", "rating", "reviewed_at")
SELECT a."member_id", a."workspace_id", a."channel_id", p."deck_id", p."question_id", 'daily', a."post_id", a."choice", a."correct", CASE WHEN a."correct" THEN 3 ELSE 1 END, a."answered_at"
FROM "answers" a JOIN "posts" p ON p."id" = a."post_id";--> statement-breakpoint
INSERT INTO "review_log" ("member_id", "workspace_id", "channel_id", "deck_id", "question_id", "source", "source_id", "choice", "correct", "rating", "reviewed_at")
SELECT pp."member_id", m."workspace_id", NULL, pp."deck_id", pp."question_id", 'practice', pp."id", pp."choice", pp."correct", CASE WHEN pp."correct" THEN 3 ELSE 1 END, pp."answered_at"
FROM "practice_prompts" pp JOIN "members" m ON m."id" = pp."member_id"
WHERE pp."answered_at" IS NOT NULL AND pp."choice" IS NOT NULL AND pp."correct" IS NOT NULL;--> statement-breakpoint
DELETE FROM "reviews";
