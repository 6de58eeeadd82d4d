-- followup: every inheritance of a departed rep's customer (离职继承), including the ones WeCom's limit refused
create table rep_transfer (
  id              bigint auto_increment primary key,
  customer_id     varchar(32)   not null,
  from_rep        varchar(64)   not null,
  to_rep          varchar(64),
  status          varchar(20)   not null,
  reason          varchar(200),
  transferred_at  datetime(3)   not null
);
create index idx_rep_transfer_customer on rep_transfer (customer_id, status, transferred_at);
