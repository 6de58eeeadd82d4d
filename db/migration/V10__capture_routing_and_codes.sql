-- capture: routing (weights, daily caps, backups, schedules), code lifecycle (expiry, disable, welcome per slot),
-- sticky reps per scanner, staff profiles shown on the landing page, WeCom contact ways.
-- Portable across H2 (MySQL mode) and MariaDB: one column per statement, explicit index names.

alter table channel add column routing varchar(20) not null default 'ROUND_ROBIN';
alter table channel add column enabled boolean not null default true;
alter table channel add column expires_at datetime(3);
alter table channel add column welcome_link_title varchar(100);
alter table channel add column welcome_link_url varchar(500);
alter table channel add column welcome_image_url varchar(500);
alter table channel add column logo mediumblob;
alter table channel add column logo_version int not null default 0;
alter table channel add column wecom_config_id varchar(64);
-- the rep list last given to WeCom, so a sync only calls update_contact_way when it changes
alter table channel add column wecom_users varchar(2000);

alter table channel_staff add column weight int not null default 1;
alter table channel_staff add column daily_cap int;
alter table channel_staff add column backup boolean not null default false;

-- weekly slots have a weekday; special date ranges have dates and override the weekly slots on those days.
-- A special range without times means "not on duty at all" on those days.
create table channel_staff_slot (
  id            bigint auto_increment primary key,
  channel_id    bigint      not null,
  rep           varchar(64) not null,
  weekday       int,
  date_from     date,
  date_to       date,
  start_minute  int,
  end_minute    int
);
create index idx_slot_channel on channel_staff_slot (channel_id, rep);

-- per rep and local day: scanners assigned (and WeCom adds); caps and the fair share are read from here
create table channel_staff_day (
  channel_id  bigint      not null,
  rep         varchar(64) not null,
  on_day      date        not null,
  assigned    int         not null,
  primary key (channel_id, rep, on_day)
);

create table channel_welcome_slot (
  channel_id    bigint        not null,
  position      int           not null,
  start_minute  int           not null,
  end_minute    int           not null,
  welcome_text  varchar(1000) not null,
  link_title    varchar(100),
  link_url      varchar(500),
  image_url     varchar(500),
  primary key (channel_id, position)
);

alter table scan add column visitor varchar(36);
alter table scan add column ref varchar(30);
create index idx_scan_visitor on scan (channel_id, visitor);

create table staff_profile (
  rep              varchar(64)  not null primary key,
  online           boolean      not null default true,
  avatar           mediumblob,
  avatar_type      varchar(30),
  contact_qr       mediumblob,
  contact_qr_type  varchar(30),
  updated_at       datetime(3)  not null
);

create index idx_lead_channel on captured_lead (channel_id, received_at);

-- a scan when every rep is off duty or capped still shows the form; its lead waits for the team lead
alter table scan modify column assigned_rep varchar(64) null;
