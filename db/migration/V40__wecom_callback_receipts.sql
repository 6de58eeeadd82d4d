-- wecom: one row per WeCom callback delivery we handled, so WeCom's retries are recognised and ignored
create table wecom_callback_receipt (
  from_user    varchar(64)  not null,
  create_time  bigint       not null,
  digest       char(64)     not null,
  event        varchar(64),
  change_type  varchar(64),
  received_at  datetime(3)  not null,
  primary key (from_user, create_time, digest)
);
