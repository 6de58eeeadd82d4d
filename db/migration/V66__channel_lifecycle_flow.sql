-- The lifecycle flow (process definition key) a channel's leads run; null: the shipped lead-lifecycle.
alter table channel add column lifecycle_flow varchar(255) null;
