ALTER TABLE "review_log" DROP CONSTRAINT "review_log_member_id_members_id_fk";
--> statement-breakpoint
DROP INDEX "review_log_member_source_idx";--> statement-breakpoint
ALTER TABLE "review_log" DROP COLUMN "id";--> statement-breakpoint
ALTER TABLE "review_log" ADD CONSTRAINT "review_log_member_id_source_source_id_pk" PRIMARY KEY("member_id","source","source_id");
