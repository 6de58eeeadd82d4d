-- customer: ownership with its protection window, merges, the layer (分层), and what weak matching searches by.
alter table customer add column owner_since datetime(3);
update customer set owner_since = created_at;
alter table customer add column merged_into varchar(32);
alter table customer add column layer varchar(20);
-- the primary phone's last four digits: "same name, same tail" is a weak match worth a human look
alter table customer add column phone_tail char(4);
create index idx_customer_name_tail on customer (name, phone_tail);

alter table captured_lead add column email varchar(254);
-- form answers (child's grade, subject, ...) as JSON; the tagging decision reads them
alter table captured_lead add column answers varchar(2000);

-- every change of owner, with why and who decided
create table owner_change (
  id           bigint auto_increment primary key,
  customer_id  varchar(32)  not null,
  from_rep     varchar(64),
  to_rep       varchar(64)  not null,
  reason       varchar(200) not null,
  changed_by   varchar(64)  not null,
  changed_at   datetime(3)  not null
);
create index idx_owner_change_customer on owner_change (customer_id, changed_at);

-- a merge: what the survivor looked like before, so that undo can give every piece back
create table customer_merge (
  id                 bigint auto_increment primary key,
  survivor_id        varchar(32)  not null,
  merged_id          varchar(32)  not null,
  merged_by          varchar(64)  not null,
  reason             varchar(500) not null,
  merged_at          datetime(3)  not null,
  undo_until         datetime(3)  not null,
  survivor_name      varchar(100),
  survivor_owner     varchar(64),
  survivor_owner_since datetime(3),
  survivor_stage     varchar(20)  not null,
  survivor_score     int          not null,
  survivor_tail      char(4),
  -- both ran a lifecycle: the merged one's was ended; only the merged one ran: it was moved to the survivor
  ended_lifecycle    varchar(64),
  moved_lifecycle    varchar(64),
  undone_at          datetime(3),
  undone_by          varchar(64)
);
create index idx_merge_survivor on customer_merge (survivor_id, merged_at);
create index idx_merge_merged on customer_merge (merged_id, merged_at);

create table customer_merge_identity (
  merge_id  bigint       not null,
  kind      varchar(20)  not null,
  id_value  varchar(128) not null,
  primary key (merge_id, kind, id_value)
);

-- ADDED to the survivor, or REMOVED from it because the merged customer's newer tag of an exclusive group won
create table customer_merge_tag (
  merge_id  bigint      not null,
  tag       varchar(64) not null,
  tag_change  varchar(10) not null,
  primary key (merge_id, tag)
);

-- past purchases, from the CRM import or a purchase event; the order reference makes a re-import harmless
create table purchase (
  customer_id   varchar(32)   not null,
  order_ref     varchar(64)   not null,
  product       varchar(200),
  amount_cents  bigint,
  purchased_at  datetime(3),
  source        varchar(20)   not null,
  primary key (customer_id, order_ref)
);

-- CRM CSV imports: progress a caller can poll, and one row per rejected line
create table crm_import (
  id              bigint auto_increment primary key,
  file_name       varchar(200) not null,
  charset         varchar(20)  not null,
  status          varchar(20)  not null,
  rows_read       bigint       not null default 0,
  rows_created    bigint       not null default 0,
  rows_updated    bigint       not null default 0,
  rows_unchanged  bigint       not null default 0,
  rows_failed     bigint       not null default 0,
  message         varchar(500),
  started_by      varchar(64)  not null,
  started_at      datetime(3)  not null,
  finished_at     datetime(3)
);

create table crm_import_error (
  import_id  bigint       not null,
  line_no    bigint       not null,
  field      varchar(40)  not null,
  message    varchar(300) not null,
  primary key (import_id, line_no)
);
