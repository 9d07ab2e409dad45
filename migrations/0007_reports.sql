CREATE TABLE "question_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "question_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"question_version" text NOT NULL,
	"reason" text NOT NULL,
	"text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "question_versions" (
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"version" text NOT NULL,
	"prompt" text NOT NULL,
	"choices" jsonb NOT NULL,
	"answer" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "question_versions_pk" PRIMARY KEY("deck_id","question_id","version")
);
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "question_version" text;--> statement-breakpoint
ALTER TABLE "practice_prompts" ADD COLUMN "question_version" text;--> statement-breakpoint
ALTER TABLE "question_reports" ADD CONSTRAINT "question_reports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_reports" ADD CONSTRAINT "question_reports_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "question_reports_member_question_uq" ON "question_reports" USING btree ("member_id","deck_id","question_id");--> statement-breakpoint
CREATE INDEX "question_reports_workspace_idx" ON "question_reports" USING btree ("workspace_id","deck_id","question_id");