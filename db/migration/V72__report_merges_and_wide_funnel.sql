-- A merge leaves one person counted once in the funnel (report/FunnelRollup): the absorbed customer's cohort stops
-- counting (absorbed_by: the merge), a survivor without a cohort takes that one over (taken_over_by), and a step the
-- survivor gained from the absorbed customer remembers the merge (merge_id), so that undoing it gives every count back.
alter table report_lead add column absorbed_by bigint;
alter table report_lead add column taken_over_by bigint;
alter table report_lead_step add column merge_id bigint;

-- The funnel roll-up with one row per day and cohort and a column per step, not a row per step: a year of a million
-- leads was 1.8 million rows that took 1.4-2.5 s to sum on MariaDB, and is 0.5 million this way (bench/reports.sh).
create table report_funnel_wide (
  on_day               date         not null,
  channel_id           bigint       not null,
  ref                  varchar(30)  not null,
  rep                  varchar(64)  not null,
  team                 varchar(64)  not null,
  scanned_total        bigint       not null default 0,
  lead_total           bigint       not null default 0,
  wecom_added_total    bigint       not null default 0,
  first_contact_total  bigint       not null default 0,
  engaged_total        bigint       not null default 0,
  converted_total      bigint       not null default 0,
  silent_total         bigint       not null default 0,
  dormant_total        bigint       not null default 0,
  opted_out_total      bigint       not null default 0,
  churned_total        bigint       not null default 0,
  primary key (on_day, channel_id, ref, rep, team)
);
insert into report_funnel_wide (on_day, channel_id, ref, rep, team, scanned_total, lead_total, wecom_added_total,
                                first_contact_total, engaged_total, converted_total, silent_total, dormant_total,
                                opted_out_total, churned_total)
select on_day, channel_id, ref, rep, team,
       sum(case when step = 'SCANNED' then total else 0 end), sum(case when step = 'LEAD' then total else 0 end),
       sum(case when step = 'WECOM_ADDED' then total else 0 end), sum(case when step = 'FIRST_CONTACT' then total else 0 end),
       sum(case when step = 'ENGAGED' then total else 0 end), sum(case when step = 'CONVERTED' then total else 0 end),
       sum(case when step = 'SILENT' then total else 0 end), sum(case when step = 'DORMANT' then total else 0 end),
       sum(case when step = 'OPTED_OUT' then total else 0 end), sum(case when step = 'CHURNED' then total else 0 end)
from report_funnel_day group by on_day, channel_id, ref, rep, team;
drop table report_funnel_day;
alter table report_funnel_wide rename to report_funnel_day;
create index idx_report_funnel_team on report_funnel_day (team, on_day);
create index idx_report_funnel_rep on report_funnel_day (rep, on_day);

-- A kept report's JSON: an admin's rep SLA over several hundred reps is over 100 KB, more than a TEXT holds.
alter table report_issue modify column body mediumtext not null;
