-- NurtureFlow's own tables. Camunda's ACT_* tables are created by the engine, never here.
-- Portable across H2 (MySQL mode) and MySQL/MariaDB: no vendor types, explicit index names.

-- capture: channels, their live codes and staff pools, the scan log
create table channel (
  id            bigint auto_increment primary key,
  code          varchar(30)   not null,
  name          varchar(100)  not null,
  welcome_text  varchar(1000),
  rotation      bigint        not null default 0,
  created_by    varchar(64)   not null,
  created_at    datetime(3)   not null,
  constraint uk_channel_code unique (code)
);

create table channel_staff (
  channel_id  bigint      not null,
  rep         varchar(64) not null,
  position    int         not null,
  primary key (channel_id, rep)
);

create table channel_tag (
  channel_id  bigint      not null,
  tag         varchar(64) not null,
  primary key (channel_id, tag)
);

create table scan (
  id            bigint auto_increment primary key,
  channel_id    bigint       not null,
  scanned_at    datetime(3)  not null,
  ip_hash       char(64),
  user_agent    varchar(300),
  assigned_rep  varchar(64)  not null
);
create index idx_scan_channel on scan (channel_id, scanned_at);

-- customer: one id per person, any number of identities, every captured lead and touchpoint
create table customer (
  id                     varchar(32)  not null primary key,
  name                   varchar(100),
  owner_rep              varchar(64),
  stage                  varchar(20)  not null,
  score                  int          not null default 0,
  channel_id             bigint,
  lifecycle_instance_id  varchar(64),
  created_at             datetime(3)  not null,
  updated_at             datetime(3)  not null
);
create index idx_customer_owner on customer (owner_rep);

-- uniqueness of an identity is the database's job, not only the code's
create table customer_identity (
  kind         varchar(20)  not null,
  id_value     varchar(128) not null,
  customer_id  varchar(32)  not null,
  created_at   datetime(3)  not null,
  primary key (kind, id_value)
);
create index idx_identity_customer on customer_identity (customer_id);

create table captured_lead (
  id                bigint auto_increment primary key,
  channel_id        bigint,
  scan_id           bigint,
  source            varchar(20)  not null,
  name              varchar(100),
  phone             varchar(20),
  unionid           varchar(64),
  external_user_id  varchar(64),
  assigned_rep      varchar(64),
  received_at       datetime(3)  not null,
  customer_id       varchar(32),
  outcome           varchar(20)
);

create table touchpoint (
  id           bigint auto_increment primary key,
  customer_id  varchar(32)  not null,
  lead_id      bigint       not null,
  channel_id   bigint,
  occurred_at  datetime(3)  not null,
  constraint uk_touchpoint_lead unique (lead_id)
);
create index idx_touchpoint_customer on touchpoint (customer_id);

create table timeline_entry (
  id           bigint auto_increment primary key,
  customer_id  varchar(32)  not null,
  occurred_at  datetime(3)  not null,
  kind         varchar(30)  not null,
  summary      varchar(500) not null
);
create index idx_timeline_customer on timeline_entry (customer_id, occurred_at);

-- tagging
create table customer_tag (
  customer_id  varchar(32) not null,
  tag          varchar(64) not null,
  source       varchar(20) not null,
  added_at     datetime(3) not null,
  primary key (customer_id, tag)
);

-- sop: plans, steps, the push outbox (one row per customer, plan version and step: at most once), tracked links
create table sop_plan (
  plan_key    varchar(40)  not null,
  version     int          not null,
  name        varchar(100) not null,
  created_at  datetime(3)  not null,
  primary key (plan_key, version)
);

create table sop_step (
  plan_key      varchar(40)   not null,
  plan_version  int           not null,
  step_no       int           not null,
  day_offset    int           not null,
  send_window   varchar(10)   not null,
  content_text  varchar(2000) not null,
  link_url      varchar(500),
  primary key (plan_key, plan_version, step_no)
);

create table push_outbox (
  id            bigint auto_increment primary key,
  customer_id   varchar(32)   not null,
  plan_key      varchar(40)   not null,
  plan_version  int           not null,
  step_no       int           not null,
  sender_rep    varchar(64),
  content       varchar(4000) not null,
  status        varchar(20)   not null,
  created_at    datetime(3)   not null,
  sent_at       datetime(3),
  constraint uk_push_once unique (customer_id, plan_key, plan_version, step_no)
);

create table tracked_link (
  token        varchar(32)  not null primary key,
  push_id      bigint       not null,
  customer_id  varchar(32)  not null,
  step_no      int          not null,
  target_url   varchar(500) not null,
  created_at   datetime(3)  not null
);

-- events: the inbox every behaviour event lands in before anything else happens
create table behaviour_event (
  id             bigint auto_increment primary key,
  event_id       varchar(64)   not null,
  customer_id    varchar(32),
  customer_ref   varchar(140),
  type           varchar(30)   not null,
  occurred_at    datetime(3)   not null,
  received_at    datetime(3)   not null,
  payload        varchar(4000),
  signal_name    varchar(20)   not null,
  status         varchar(20)   not null,
  status_reason  varchar(200),
  handled_at     datetime(3),
  constraint uk_event_id unique (event_id)
);
create index idx_event_status on behaviour_event (status, id);
create index idx_event_customer on behaviour_event (customer_id, occurred_at);

-- followup: the rep's view of the engine's user tasks, with outcomes
create table follow_up_task (
  task_id      varchar(64)   not null primary key,
  customer_id  varchar(32)   not null,
  rep          varchar(64),
  kind         varchar(20)   not null,
  reason       varchar(200),
  created_at   datetime(3)   not null,
  due_at       datetime(3),
  closed_at    datetime(3),
  outcome      varchar(30),
  note         varchar(1000)
);
create index idx_followup_rep on follow_up_task (rep, closed_at);
create index idx_followup_customer on follow_up_task (customer_id, closed_at);
