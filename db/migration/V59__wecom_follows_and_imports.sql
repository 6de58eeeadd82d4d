-- customer: which rep has which WeCom contact. Keyed by the external user id, not the customer: customer_identity
-- says whose contact it is, so a merge (which moves identities) carries the relations along, and an add that
-- arrives before lead-intake made its customer is kept all the same. A relation the rep or the customer ended
-- stays, with when and by whom: pushes from that rep no longer go to that contact, and the profile says why.
create table wecom_follow (
  external_user_id  varchar(64)  not null,
  rep               varchar(64)  not null,
  added_at          datetime(3),
  removed_at        datetime(3),
  -- REP (del_external_contact) or CUSTOMER (del_follow_user)
  removed_by        varchar(10),
  primary key (external_user_id, rep)
);

-- imports of the reps' existing WeCom contacts (batch/get_by_user): progress a caller can poll, the cursor reached,
-- and one row per contact (or rep) that was not imported
create table wecom_import (
  id                   bigint auto_increment primary key,
  reps                 varchar(2000),
  status               varchar(20)  not null,
  contacts_read        bigint       not null default 0,
  customers_created    bigint       not null default 0,
  customers_updated    bigint       not null default 0,
  customers_unchanged  bigint       not null default 0,
  contacts_failed      bigint       not null default 0,
  pages                bigint       not null default 0,
  next_cursor          varchar(200),
  message              varchar(500),
  started_by           varchar(64)  not null,
  started_at           datetime(3)  not null,
  finished_at          datetime(3)
);

create table wecom_import_error (
  import_id         bigint       not null,
  entry_no          bigint       not null,
  rep               varchar(64),
  external_user_id  varchar(64),
  message           varchar(300) not null,
  primary key (import_id, entry_no)
);
