-- followup: a rep's team, sales lead and working hours; reps without a row work the defaults
create table rep_profile (
  rep          varchar(64)  not null primary key,
  team         varchar(64),
  sales_lead   varchar(64),
  work_start   char(5)      not null,
  work_end     char(5)      not null,
  active       boolean      not null default true,
  updated_at   datetime(3)  not null
);
create index idx_rep_profile_team on rep_profile (team, active);
