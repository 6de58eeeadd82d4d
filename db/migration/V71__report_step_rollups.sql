-- SOP step performance by day, plan version, step, sender rep and team, kept in the transaction of each fact
-- (issue 15 point 2). due counts on the day a send window found the push due; sent, confirmed, delivered and the
-- customer's responses within 24 hours on the day the push was sent. '' stands for no rep or team.
create table report_step_day (
  on_day        date         not null,
  plan_key      varchar(40)  not null,
  plan_version  int          not null,
  step_no       int          not null,
  rep           varchar(64)  not null,
  team          varchar(64)  not null,
  due           bigint       not null,
  sent          bigint       not null,
  confirmed     bigint       not null,
  delivered     bigint       not null,
  clicked       bigint       not null,
  replied       bigint       not null,
  unsubscribed  bigint       not null,
  primary key (on_day, plan_key, plan_version, step_no, rep, team)
);
create index idx_report_step_team on report_step_day (team, on_day);
create index idx_report_step_rep on report_step_day (rep, on_day);

-- Pushes moved by the send policy, on the day they were meant to go, by the first rule that moved them.
create table report_step_shift_day (
  on_day        date         not null,
  plan_key      varchar(40)  not null,
  plan_version  int          not null,
  step_no       int          not null,
  rep           varchar(64)  not null,
  team          varchar(64)  not null,
  reason        varchar(30)  not null,
  total         bigint       not null,
  primary key (on_day, plan_key, plan_version, step_no, rep, team, reason)
);

-- Which pushes a response was counted for, once per push and kind: a second click (or a repeated delivery of the
-- same event) on a push counted already counts nothing.
create table report_step_response (
  push_id   bigint       not null,
  response  varchar(20)  not null,
  event_id  bigint       not null,
  primary key (push_id, response)
);
