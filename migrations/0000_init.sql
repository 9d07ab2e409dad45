CREATE TABLE "answers" (
	"post_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"workspace_id" integer NOT NULL,
	"channel_id" integer NOT NULL,
	"topic" text NOT NULL,
	"choice" text NOT NULL,
	"correct" boolean NOT NULL,
	"points" integer NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "answers_pk" PRIMARY KEY("post_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "channels" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "channels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"deck_id" text NOT NULL,
	"cycle" integer DEFAULT 0 NOT NULL,
	"post_seq" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_scores" (
	"workspace_id" integer NOT NULL,
	"board" text NOT NULL,
	"member_id" integer NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"correct" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"reached_at" timestamp with time zone DEFAULT now() NOT NULL,
	"hidden" boolean DEFAULT false NOT NULL,
	CONSTRAINT "member_scores_pk" PRIMARY KEY("workspace_id","board","member_id")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"external_id" text NOT NULL,
	"display_name" text NOT NULL,
	"leaderboard_opt_out" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"channel_id" integer NOT NULL,
	"workspace_id" integer NOT NULL,
	"slot" text NOT NULL,
	"seq" integer,
	"cycle" integer NOT NULL,
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"status" text DEFAULT 'claimed' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_at" timestamp with time zone,
	"posted_at" timestamp with time zone,
	"closes_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"message_ref" text,
	"revealed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "practice_prompts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "practice_prompts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"member_id" integer NOT NULL,
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	"choice" text,
	"correct" boolean
);
--> statement-breakpoint
CREATE TABLE "reviews" (
	"member_id" integer NOT NULL,
	"deck_id" text NOT NULL,
	"question_id" text NOT NULL,
	"card" jsonb NOT NULL,
	"due" timestamp with time zone NOT NULL,
	"reps" integer DEFAULT 0 NOT NULL,
	"lapses" integer DEFAULT 0 NOT NULL,
	"last_reviewed_at" timestamp with time zone,
	CONSTRAINT "reviews_pk" PRIMARY KEY("member_id","deck_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "schedules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"channel_id" integer NOT NULL,
	"time_of_day" text NOT NULL,
	"timezone" text NOT NULL,
	"days" text DEFAULT 'daily' NOT NULL,
	"paused" boolean DEFAULT false NOT NULL,
	"paused_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedules_time_of_day_ck" CHECK ("schedules"."time_of_day" ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
);
--> statement-breakpoint
CREATE TABLE "streaks" (
	"member_id" integer NOT NULL,
	"channel_id" integer NOT NULL,
	"last_seq" integer NOT NULL,
	"current" integer NOT NULL,
	"best" integer NOT NULL,
	"last_answered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "streaks_pk" PRIMARY KEY("member_id","channel_id")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workspaces_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"platform" text NOT NULL,
	"external_id" text NOT NULL,
	"name" text,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "answers" ADD CONSTRAINT "answers_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_scores" ADD CONSTRAINT "member_scores_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_scores" ADD CONSTRAINT "member_scores_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_prompts" ADD CONSTRAINT "practice_prompts_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviews" ADD CONSTRAINT "reviews_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streaks" ADD CONSTRAINT "streaks_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "streaks" ADD CONSTRAINT "streaks_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "answers_member_idx" ON "answers" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "answers_post_answered_idx" ON "answers" USING btree ("post_id","answered_at");--> statement-breakpoint
CREATE UNIQUE INDEX "channels_workspace_external_uq" ON "channels" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE INDEX "member_scores_rank_idx" ON "member_scores" USING btree ("workspace_id","board","points" DESC NULLS LAST,"correct" DESC NULLS LAST,"reached_at","member_id") WHERE not "member_scores"."hidden";--> statement-breakpoint
CREATE UNIQUE INDEX "members_workspace_external_uq" ON "members" USING btree ("workspace_id","external_id");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_channel_slot_uq" ON "posts" USING btree ("channel_id","slot");--> statement-breakpoint
CREATE UNIQUE INDEX "posts_channel_seq_uq" ON "posts" USING btree ("channel_id","seq");--> statement-breakpoint
CREATE INDEX "posts_channel_cycle_idx" ON "posts" USING btree ("channel_id","cycle");--> statement-breakpoint
CREATE INDEX "posts_status_closes_idx" ON "posts" USING btree ("status","closes_at");--> statement-breakpoint
CREATE INDEX "practice_prompts_member_idx" ON "practice_prompts" USING btree ("member_id","created_at");--> statement-breakpoint
CREATE INDEX "reviews_member_due_idx" ON "reviews" USING btree ("member_id","due");--> statement-breakpoint
CREATE UNIQUE INDEX "schedules_channel_uq" ON "schedules" USING btree ("channel_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_platform_external_uq" ON "workspaces" USING btree ("platform","external_id");