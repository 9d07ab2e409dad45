ALTER TABLE "posts" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "reveal_lease_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "posts_claimed_lease_idx" ON "posts" USING btree ("lease_until") WHERE "posts"."status" = 'claimed';