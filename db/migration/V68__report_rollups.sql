-- Daily roll-ups the reports answer from, kept up in the transaction of the fact that changes them, so a report
-- never scans the raw tables (issue 15).

-- The invitee (poster ref) of the scan a lead came from: the lead, not only the scan, carries it.
alter table captured_lead add column ref varchar(30);

-- Each lead's place in the funnel's cohorts, fixed at capture: a later owner change does not move its numbers.
create table report_lead (
  customer_id  varchar(32)  not null primary key,
  lead_day     date         not null,
  channel_id   bigint       not null,
  ref          varchar(30)  not null,
  rep          varchar(64)  not null,
  team         varchar(64)  not null
);

-- Which funnel steps a lead has reached: each counts once, whatever repeats (engaged again after silence).
create table report_lead_step (
  customer_id  varchar(32)  not null,
  step         varchar(20)  not null,
  reached_at   datetime(3)  not null,
  primary key (customer_id, step)
);

-- Scans by the day of the scan; every later step by the lead's capture day (its cohort). '' and 0: none.
create table report_funnel_day (
  on_day      date         not null,
  channel_id  bigint       not null,
  ref         varchar(30)  not null,
  rep         varchar(64)  not null,
  team        varchar(64)  not null,
  step        varchar(20)  not null,
  total       bigint       not null,
  primary key (on_day, channel_id, ref, rep, team, step)
);
create index idx_report_funnel_team on report_funnel_day (team, on_day);
create index idx_report_funnel_rep on report_funnel_day (rep, on_day);

-- Rep tasks by day and kind: opened on the day opened; done, done in time and cancelled on the day closed;
-- escalations on the day a sales lead got one, counted against the customer's owner rep.
create table report_task_day (
  on_day        date         not null,
  rep           varchar(64)  not null,
  team          varchar(64)  not null,
  kind          varchar(20)  not null,
  opened        bigint       not null,
  done          bigint       not null,
  done_in_time  bigint       not null,
  cancelled     bigint       not null,
  escalated     bigint       not null,
  primary key (on_day, rep, team, kind)
);

-- open tasks by age, for every rep at once
create index idx_followup_open on follow_up_task (closed_at, rep);

-- The daily and weekly reports as they were sent: one per reader (an admin or sales lead) and period, kept to be
-- read again later (body: the report's JSON as the reader's scope saw it then).
create table report_issue (
  id           bigint auto_increment primary key,
  cadence      varchar(10)  not null,
  reader       varchar(64)  not null,
  period_from  date         not null,
  period_to    date         not null,
  body         text         not null,
  created_at   datetime(3)  not null,
  constraint uk_report_issue unique (cadence, reader, period_from)
);
create index idx_report_issue_reader on report_issue (reader, created_at);
