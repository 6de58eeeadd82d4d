-- sop (issue 5): the content library, richer step timing and audience, per-customer time zones, channel plans,
-- and an outbox that records every planned push, every move the send policy made and what WeCom reported.
-- One ALTER per column: H2 (MySQL mode) and MariaDB agree on nothing more compact.

create table sop_content (
  id           bigint auto_increment primary key,
  name         varchar(100)  not null,
  text         varchar(4000),
  attachments  varchar(8000) not null,
  created_by   varchar(64)   not null,
  created_at   datetime(3)   not null
);

-- a step keeps its own copy of the content: a running lead's plan version never changes under it
alter table sop_step add column timing varchar(20) not null default 'DAY_AT_WINDOW';
alter table sop_step add column at_time varchar(5);
alter table sop_step add column delay_after varchar(20);
alter table sop_step add column at_local varchar(19);
alter table sop_step add column weekdays varchar(30);
alter table sop_step add column content_id bigint;
alter table sop_step add column attachments varchar(8000) not null default '[]';
alter table sop_step add column tags_include varchar(500) not null default '';
alter table sop_step add column tags_exclude varchar(500) not null default '';
alter table sop_step add column stops_plan boolean not null default false;
alter table sop_step add column delivery varchar(10) not null default 'AUTO';
alter table sop_step add column confirm_within varchar(20);

-- the shipped plan's links become link attachments like every other step's
update sop_step set attachments = concat('[{"kind":"LINK","title":"点击查看","url":"', link_url, '"}]')
  where link_url is not null;

create table sop_channel_plan (
  channel_id  bigint      not null primary key,
  plan_key    varchar(40) not null
);

create table sop_customer_zone (
  customer_id  varchar(32) not null primary key,
  time_zone    varchar(40) not null
);

-- planned_at: what the plan asked for; due_at: what the send policy allowed; move_reason says why they differ
alter table push_outbox add column planned_at datetime(3);
alter table push_outbox add column due_at datetime(3);
alter table push_outbox add column move_reason varchar(200);
alter table push_outbox add column claimed_by varchar(64);
alter table push_outbox add column claimed_at datetime(3);
alter table push_outbox add column wecom_msg_id varchar(64);
alter table push_outbox add column delivery_status varchar(20);
alter table push_outbox add column delivery_checked_at datetime(3);
create index idx_push_customer_sent on push_outbox (customer_id, sent_at);
create index idx_push_delivery on push_outbox (delivery_status, sent_at);
