-- sop: pushes go out per send window, in batches (one WeCom mass-send per rep, step and window), instead of a timer
-- and a job per lead and push.

-- the lead's place in its pinned plan version is data: the lifecycle no longer waits at a timer per push
create table sop_enrolment (
  customer_id   varchar(32) not null,
  plan_key      varchar(40) not null,
  plan_version  int         not null,
  started_at    datetime(3) not null,
  last_step     int         not null default 0,
  state         varchar(20) not null,
  updated_at    datetime(3) not null,
  primary key (customer_id, plan_key)
);

-- one opening of one send window on one calendar (time zone); its send-window process instance works it
create table send_window_run (
  id                   bigint auto_increment primary key,
  window_name          varchar(20) not null,
  time_zone            varchar(40) not null,
  opens_at             datetime(3) not null,
  closes_at            datetime(3) not null,
  state                varchar(20) not null,
  due                  int         not null default 0,
  shifted              int         not null default 0,
  batches              int         not null default 0,
  sent                 int         not null default 0,
  confirmed            int         not null default 0,
  delivered            int         not null default 0,
  not_confirmed        int         not null default 0,
  failed               int         not null default 0,
  constraint uk_window_opening unique (window_name, time_zone, opens_at)
);

-- what one rep confirms once: one step's content for all of the rep's customers due in the window
create table push_batch (
  id             bigint auto_increment primary key,
  run_id         bigint        not null,
  sender_rep     varchar(64)   not null,
  plan_key       varchar(40)   not null,
  plan_version   int           not null,
  step_no        int           not null,
  text           varchar(4000),
  attachments    varchar(8000) not null,
  delivery       varchar(10)   not null,
  customers      int           not null,
  state          varchar(20)   not null,
  wecom_msg_id   varchar(64),
  claimed_by     varchar(64),
  claimed_at     datetime(3),
  dispatched_at  datetime(3),
  reminded_at    datetime(3),
  flag_reason    varchar(300),
  created_at     datetime(3)   not null
);
create index idx_batch_run on push_batch (run_id, state);

alter table push_outbox add column batch_id bigint;
alter table push_outbox add column send_window varchar(20);
alter table push_outbox add column time_zone varchar(40);
create index idx_push_due on push_outbox (status, due_at);
create index idx_push_batch on push_outbox (batch_id, status);

-- a step's own confirm deadline is gone: a CONFIRM step's batch waits for its rep until its window closes
alter table sop_step drop column confirm_within;

-- a batch's links are the batch's: one message for many customers cannot carry a link per customer
alter table tracked_link modify column push_id bigint null;
alter table tracked_link modify column customer_id varchar(32) null;
alter table tracked_link add column batch_id bigint;

-- pushes planned before this version keep their step's window and the customer's calendar
update push_outbox set send_window = (select s.send_window from sop_step s where s.plan_key = push_outbox.plan_key
    and s.plan_version = push_outbox.plan_version and s.step_no = push_outbox.step_no);
update push_outbox set time_zone = coalesce((select z.time_zone from sop_customer_zone z
    where z.customer_id = push_outbox.customer_id), 'Asia/Shanghai');
