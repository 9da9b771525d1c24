CREATE TABLE "cell_corrections" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"path" text NOT NULL,
	"read_value" integer,
	"value" integer,
	"reason" text NOT NULL,
	"corrected_by" uuid,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cell_corrections_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "finding_decisions" (
	"agency_id" integer NOT NULL,
	"subject_agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"fingerprint" text NOT NULL,
	"decision" text NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"rule" text NOT NULL,
	"where" text NOT NULL,
	"message" text NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "finding_decisions_agency_id_subject_agency_id_year_fingerprint_pk" PRIMARY KEY("agency_id","subject_agency_id","year","fingerprint")
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"subject_agency_id" integer NOT NULL,
	"year" integer NOT NULL,
	"number" text NOT NULL,
	"findings" jsonb NOT NULL,
	"due_on" date NOT NULL,
	"status" text NOT NULL,
	"original_file_id" uuid,
	"original_version" integer,
	"corrected_file_id" uuid,
	"corrected_version" integer,
	"comparison" jsonb,
	"docx_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "rectifications_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "supervised_files" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"storage_key" text NOT NULL,
	"status" text NOT NULL,
	"kind" text,
	"error" text,
	"printed_agency" text,
	"subject_agency_id" integer,
	"match_score" integer,
	"match_confirmed" boolean DEFAULT false NOT NULL,
	"year" integer,
	"data" jsonb,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"narrative" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"text" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "supervised_files_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
CREATE TABLE "supervision_batches" (
	"agency_id" integer NOT NULL,
	"id" uuid NOT NULL,
	"status" text NOT NULL,
	"total" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "supervision_batches_agency_id_id_pk" PRIMARY KEY("agency_id","id")
);
--> statement-breakpoint
ALTER TABLE "cell_corrections" ADD CONSTRAINT "cell_corrections_corrected_by_users_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cell_corrections" ADD CONSTRAINT "cell_corrections_agency_id_file_id_supervised_files_agency_id_id_fk" FOREIGN KEY ("agency_id","file_id") REFERENCES "public"."supervised_files"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_decisions" ADD CONSTRAINT "finding_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervised_files" ADD CONSTRAINT "supervised_files_subject_agency_id_agencies_id_fk" FOREIGN KEY ("subject_agency_id") REFERENCES "public"."agencies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervised_files" ADD CONSTRAINT "supervised_files_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervised_files" ADD CONSTRAINT "supervised_files_agency_id_batch_id_supervision_batches_agency_id_id_fk" FOREIGN KEY ("agency_id","batch_id") REFERENCES "public"."supervision_batches"("agency_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_batches" ADD CONSTRAINT "supervision_batches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cell_corrections_file" ON "cell_corrections" USING btree ("agency_id","file_id","path");--> statement-breakpoint
CREATE INDEX "rectifications_subject" ON "rectifications" USING btree ("agency_id","subject_agency_id","year");--> statement-breakpoint
CREATE INDEX "supervised_files_batch" ON "supervised_files" USING btree ("agency_id","batch_id");--> statement-breakpoint
CREATE INDEX "supervised_files_subject" ON "supervised_files" USING btree ("agency_id","subject_agency_id","year");--> statement-breakpoint
CREATE INDEX "supervised_files_status" ON "supervised_files" USING btree ("agency_id","status");--> statement-breakpoint
CREATE INDEX "supervision_batches_created" ON "supervision_batches" USING btree ("agency_id","created_at");