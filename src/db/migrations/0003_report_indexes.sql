DROP INDEX "applications_received";--> statement-breakpoint
DROP INDEX "disclosures_docs";--> statement-breakpoint
DROP INDEX "fee_collections_date";--> statement-breakpoint
CREATE INDEX "decisions_date" ON "decisions" USING btree ("agency_id","decided_on","kind","id");--> statement-breakpoint
CREATE INDEX "applications_received" ON "applications" USING btree ("agency_id","received_on","replied_on","applicant_type","outcome","id");--> statement-breakpoint
CREATE INDEX "disclosures_docs" ON "disclosures" USING btree ("agency_id","doc_kind","issued_on","repealed_on","published_on","status","id");--> statement-breakpoint
CREATE INDEX "fee_collections_date" ON "fee_collections" USING btree ("agency_id","collected_on","amount_yuan","id");