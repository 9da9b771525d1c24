ALTER TABLE "cell_corrections" ALTER COLUMN "read_value" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "cell_corrections" ALTER COLUMN "value" SET DATA TYPE numeric;--> statement-breakpoint
ALTER TABLE "finding_decisions" ADD COLUMN "decided_on_file_id" uuid;--> statement-breakpoint
ALTER TABLE "finding_decisions" ADD COLUMN "decided_on_version" integer;--> statement-breakpoint
ALTER TABLE "rectifications" ADD COLUMN "issued_on" date;--> statement-breakpoint
ALTER TABLE "rectifications" ADD COLUMN "seq" integer;