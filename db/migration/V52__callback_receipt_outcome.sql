-- wecom: a signed delivery we could not use is answered "success" (or WeCom retries it for ever) and kept here,
-- with what was wrong, for an admin to look at
alter table wecom_callback_receipt add column outcome varchar(20) not null default 'HANDLED';
alter table wecom_callback_receipt add column problem varchar(300);
create index idx_callback_receipt_outcome on wecom_callback_receipt (outcome, received_at);
