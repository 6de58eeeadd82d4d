-- customer search (GET /api/customers): newest first, by stage or by tag, without scanning every customer
create index idx_customer_created on customer (created_at);
create index idx_customer_stage on customer (stage, created_at);
create index idx_customer_tag_by_tag on customer_tag (tag, customer_id);
