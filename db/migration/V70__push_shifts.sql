-- Every time the send policy moved a push: when it was meant to go, where it went, the first rule that moved it and
-- the rep it was to go from ('' for none). at_window: moved by the caps when its window gathered it, rather than
-- when its step was planned. The push row keeps only its latest reason; this keeps them all (issue 15 point 2).
create table push_shift (
  id            bigint auto_increment primary key,
  customer_id   varchar(32)  not null,
  plan_key      varchar(40)  not null,
  plan_version  int          not null,
  step_no       int          not null,
  sender_rep    varchar(64)  not null,
  at_window     boolean      not null,
  meant_for     datetime(3)  not null,
  moved_to      datetime(3)  not null,
  reason        varchar(30)  not null,
  shifted_at    datetime(3)  not null
);
create index idx_push_shift_push on push_shift (customer_id, plan_key, plan_version, step_no);
