-- bench/reports.sh's data, written set-wise into a migrated database whose reps, sales leads and channels came in
-- through the API: @CUSTOMERS@ captured leads over the last 365 days (their customers, identities, scans, touchpoints,
-- follow-up tasks and timeline entries, @TIMELINE@ of those in all), then the report roll-ups computed FROM those
-- rows by the rules the service keeps them by (report/FunnelRollup, report/TaskRollup), so they agree.
-- The shell fills in @CUSTOMERS@, @TIMELINE@, @REPS@, @CHANNELS@ and @SCANS@.
set session unique_checks = 0, foreign_key_checks = 0;
set @now = utc_timestamp(3);
set @first = @now - interval 365 day;
set @span = 365 * 86400;

-- the reps as the API made them: rep r is in team r div 10 and on the staff of channel r mod @CHANNELS@
create table bench_rep (r int primary key, rep varchar(64), team varchar(64), channel_id bigint);
insert into bench_rep
select s.seq, concat('bench-rep-', s.seq), p.team, c.id
from seq_0_to_@REPS@ s
join rep_profile p on p.rep = concat('bench-rep-', s.seq)
join channel c on c.name = concat('压测渠道', s.seq mod @CHANNELS@);

-- one row per lead n: when it came, through which rep and channel, the invitee of its poster (30 % of the scanned
-- ones, 20,000 invitees) and which steps it takes, each at a fixed delay after it came (none later than now)
create table bench_lead (
  n bigint primary key, id varchar(32), at datetime(3), rep varchar(64), team varchar(64), channel_id bigint,
  scanned boolean, ref varchar(30), wecom boolean, contacted boolean, engaged datetime(3), converted datetime(3),
  silent datetime(3), dormant datetime(3), opted_out datetime(3), churned datetime(3));
insert into bench_lead
select n, id, at, rep, team, channel_id, scanned, if(scanned and n * 7 mod 10 < 3, concat('inv-', n * 31 mod 20000), null),
       n * 37 mod 100 < 60, n * 53 mod 100 < 70,
       if(engaged and at + interval 2 day < @now, at + interval 2 day, null),
       if(engaged and n * 89 mod 100 < 15 and at + interval 10 day < @now, at + interval 10 day, null),
       if(not (engaged and n * 89 mod 100 < 15) and n * 97 mod 100 < 45 and at + interval 14 day < @now, at + interval 14 day, null),
       if(not (engaged and n * 89 mod 100 < 15) and n * 97 mod 100 < 45 and n * 101 mod 100 < 50
          and at + interval 44 day < @now, at + interval 44 day, null),
       if(n * 103 mod 100 < 3 and at + interval 3 day < @now, at + interval 3 day, null),
       if(n * 107 mod 100 < 2 and at + interval 20 day < @now, at + interval 20 day, null)
from (select s.seq as n, concat('CB', lpad(s.seq, 21, '0')) as id,
             @first + interval floor(s.seq * @span / (@CUSTOMERS@ + 1)) second as at,
             r.rep, r.team, r.channel_id, s.seq mod 10 < 7 as scanned, s.seq * 71 mod 100 < 30 as engaged
      from seq_1_to_@CUSTOMERS@ s join bench_rep r on r.r = s.seq mod @REPS@) l;

-- scans: one before each scanned lead (id n), and as many again without a lead spread over the year
insert into scan (id, channel_id, scanned_at, ip_hash, user_agent, assigned_rep, visitor, ref)
select n, channel_id, at - interval 2 minute, sha2(concat('ip', n mod 50000), 256), 'Mozilla/5.0 (iPhone) MicroMessenger',
       rep, concat('v', n), ref
from bench_lead where scanned;
insert into scan (id, channel_id, scanned_at, ip_hash, user_agent, assigned_rep, visitor, ref)
select s.seq, r.channel_id,
       @first + interval floor((s.seq - @CUSTOMERS@) * @span / (@SCANS@ - @CUSTOMERS@ + 1)) second,
       sha2(concat('ip', s.seq mod 50000), 256), 'Mozilla/5.0 (iPhone) MicroMessenger', r.rep, concat('v', s.seq),
       if(s.seq * 7 mod 10 < 3, concat('inv-', s.seq * 31 mod 20000), null)
from seq_@CUSTOMERS@_to_@SCANS@ s join bench_rep r on r.r = s.seq mod @REPS@
where s.seq > @CUSTOMERS@;

-- what LeadIntake and CrmMatching.createCustomer write for a new person
set @notice = (select max(version) from privacy_notice);
insert into captured_lead (id, channel_id, scan_id, source, name, phone, external_user_id, assigned_rep, received_at,
                           customer_id, outcome, consent_notice_version, consented_at, ref)
select n, channel_id, if(scanned, n, null), if(scanned, 'FORM', 'API'), concat('学员家长', n),
       concat('139', lpad(n, 8, '0')), if(wecom, concat('wmBench', n), null), rep, at, id, 'NEW',
       if(scanned, @notice, null), if(scanned and @notice is not null, at, null), ref
from bench_lead;
insert into customer (id, name, owner_rep, owner_since, stage, score, channel_id, phone_tail, created_at, updated_at)
select id, concat('学员家长', n), rep, at,
       case when opted_out is not null then 'OPTED_OUT' when churned is not null then 'CHURNED'
            when converted is not null then 'CUSTOMER' when dormant is not null then 'DORMANT'
            when silent is not null then 'SILENT' when engaged is not null then 'ENGAGED' else 'NURTURING' end,
       if(engaged is not null, 30, 0), channel_id, right(lpad(n, 8, '0'), 4), at,
       greatest(at, coalesce(engaged, at), coalesce(converted, at), coalesce(silent, at), coalesce(dormant, at),
                coalesce(opted_out, at), coalesce(churned, at))
from bench_lead;
insert into customer_identity (kind, id_value, customer_id, created_at)
select 'PHONE', concat('139', lpad(n, 8, '0')), id, at from bench_lead;
insert into customer_identity (kind, id_value, customer_id, created_at)
select 'EXTERNAL_USER_ID', concat('wmBench', n), id, at from bench_lead where wecom;
insert into touchpoint (customer_id, lead_id, channel_id, occurred_at) select id, n, channel_id, at from bench_lead;

-- a first contact for every lead, due 24 working hours (three working days of nine hours) later: 70 % done at some
-- hour of the next four days, the rest cancelled after two weeks, or still open when the lead is that recent;
-- one past its due time was escalated to the team's sales lead then; an engaged lead's reply opened a follow-up
insert into follow_up_task (task_id, customer_id, rep, kind, reason, created_at, due_at, closed_at, outcome)
select concat('bench-fc-', n), id, rep, 'FIRST_CONTACT', 'New lead', at, at + interval 3 day, closed,
       if(contacted and closed is not null, 'REACHED', null)
from (select b.*, case when contacted and at + interval (n * 13 mod 96) hour < @now then at + interval (n * 13 mod 96) hour
                       when not contacted and at + interval 14 day < @now then at + interval 14 day end as closed
      from bench_lead b) l;
insert into follow_up_task (task_id, customer_id, rep, kind, reason, created_at, due_at, closed_at, outcome)
select concat('bench-esc-', b.n), b.id, concat('bench-lead-', substring(b.rep, 11) div 10), 'ESCALATION',
       'First contact overdue', t.due_at, null, t.closed_at, if(t.closed_at is null, null, 'REACHED')
-- each lead's own task by its key: left to itself, the optimizer may plan this join before the statistics of the
-- million tasks just written are in, and scan bench_lead once per task
from bench_lead b straight_join follow_up_task t on t.task_id = concat('bench-fc-', b.n)
where t.due_at < @now and (t.closed_at is null or t.closed_at > t.due_at);
insert into follow_up_task (task_id, customer_id, rep, kind, reason, created_at, due_at, closed_at, outcome)
select concat('bench-fu-', n), id, rep, 'FOLLOW_UP', 'Replied', engaged, engaged + interval 2 hour,
       if(engaged + interval (n mod 5) hour < @now, engaged + interval (n mod 5) hour, null),
       if(engaged + interval (n mod 5) hour < @now, 'REACHED', null)
from bench_lead where engaged is not null;

-- timeline: each lead's capture, its tasks opened and closed and its stage changes, then pushes and events
-- spread over the customers until there are @TIMELINE@ entries
insert into timeline_entry (customer_id, occurred_at, kind, summary)
select id, at, 'CAPTURED', concat('New lead from ', if(scanned, 'FORM', 'API'), ' (channel ', channel_id, '), owner ', rep)
from bench_lead;
insert into timeline_entry (customer_id, occurred_at, kind, summary)
select customer_id, created_at, 'TASK', concat(kind, ' task for ', coalesce(rep, 'the sales leads'), ' due ', coalesce(due_at, '-'))
from follow_up_task where task_id like 'bench-%';
insert into timeline_entry (customer_id, occurred_at, kind, summary)
select customer_id, closed_at, 'TASK', if(outcome is null, concat(kind, ' task cancelled: lead went quiet'),
                                          concat(kind, ' task closed by ', rep, ': ', outcome))
from follow_up_task where task_id like 'bench-%' and closed_at is not null;
insert into timeline_entry (customer_id, occurred_at, kind, summary)
select id, at, 'STAGE', concat(stage, ': ', why)
from (select id, engaged as at, 'ENGAGED' as stage, 'replied' as why from bench_lead where engaged is not null
      union all select id, converted, 'CUSTOMER', 'purchased' from bench_lead where converted is not null
      union all select id, silent, 'SILENT', 'no reply for 14 days' from bench_lead where silent is not null
      union all select id, dormant, 'DORMANT', 'silent for 30 days' from bench_lead where dormant is not null
      union all select id, opted_out, 'OPTED_OUT', 'unsubscribed' from bench_lead where opted_out is not null
      union all select id, churned, 'CHURNED', 'deleted the rep in WeCom' from bench_lead where churned is not null) s;
set @filler = greatest(0, @TIMELINE@ - (select count(*) from timeline_entry));
insert into timeline_entry (customer_id, occurred_at, kind, summary)
select b.id, least(@now, b.at + interval (1 + s.seq div @CUSTOMERS@) day),
       if(s.seq mod 3 = 0, 'EVENT', 'PUSH'),
       if(s.seq mod 3 = 0, 'LINK_CLICKED scored +5', concat('Step ', 1 + s.seq div @CUSTOMERS@, ' of new-lead sent by ', b.rep))
from seq_0_to_@TIMELINE@ s join bench_lead b on b.n = 1 + s.seq mod @CUSTOMERS@
where s.seq < @filler;

-- the roll-ups, from the rows above: FunnelRollup.captured for each new customer, FunnelRollup.reached for each
-- step a customer's facts show (WeCom contact, first contact done, stage changes), each step counted once
insert into report_lead (customer_id, lead_day, channel_id, ref, rep, team)
select c.id, date(convert_tz(c.created_at, '+00:00', '+08:00')), coalesce(l.channel_id, 0), coalesce(l.ref, ''),
       coalesce(l.assigned_rep, ''), coalesce(p.team, '')
from customer c join captured_lead l on l.customer_id = c.id and l.outcome = 'NEW'
left join rep_profile p on p.rep = l.assigned_rep;
insert into report_lead_step (customer_id, step, reached_at)
select customer_id, 'LEAD', c.created_at from report_lead r join customer c on c.id = r.customer_id
union all
select i.customer_id, 'WECOM_ADDED', min(i.created_at) from customer_identity i join report_lead r on r.customer_id = i.customer_id
where i.kind = 'EXTERNAL_USER_ID' group by i.customer_id
union all
select t.customer_id, 'FIRST_CONTACT', min(t.closed_at) from follow_up_task t join report_lead r on r.customer_id = t.customer_id
where t.kind = 'FIRST_CONTACT' and t.outcome is not null group by t.customer_id
union all
select e.customer_id, case substring_index(e.summary, ':', 1) when 'CUSTOMER' then 'CONVERTED' else substring_index(e.summary, ':', 1) end,
       min(e.occurred_at)
from timeline_entry e join report_lead r on r.customer_id = e.customer_id
where e.kind = 'STAGE' and substring_index(e.summary, ':', 1) <> 'NURTURING'
group by e.customer_id, substring_index(e.summary, ':', 1);
insert into report_funnel_day (on_day, channel_id, ref, rep, team, scanned_total, lead_total, wecom_added_total,
                               first_contact_total, engaged_total, converted_total, silent_total, dormant_total,
                               opted_out_total, churned_total)
select on_day, channel_id, ref, rep, team, sum(step = 'SCANNED'), sum(step = 'LEAD'), sum(step = 'WECOM_ADDED'),
       sum(step = 'FIRST_CONTACT'), sum(step = 'ENGAGED'), sum(step = 'CONVERTED'), sum(step = 'SILENT'),
       sum(step = 'DORMANT'), sum(step = 'OPTED_OUT'), sum(step = 'CHURNED')
from (select date(convert_tz(s.scanned_at, '+00:00', '+08:00')) as on_day, s.channel_id, coalesce(s.ref, '') as ref,
             coalesce(s.assigned_rep, '') as rep, coalesce(p.team, '') as team, 'SCANNED' as step
      from scan s left join rep_profile p on p.rep = s.assigned_rep
      union all
      select r.lead_day, r.channel_id, r.ref, r.rep, r.team, st.step
      from report_lead_step st join report_lead r on r.customer_id = st.customer_id) fact
group by on_day, channel_id, ref, rep, team;
-- TaskRollup: opened on the day opened (an escalation against the customer's owner), closed on the day closed
insert into report_task_day (on_day, rep, team, kind, opened, done, done_in_time, cancelled, escalated)
select f.on_day, f.rep, coalesce(p.team, ''), f.kind, sum(f.opened), sum(f.done), sum(f.done_in_time), sum(f.cancelled),
       sum(f.escalated)
from (select date(convert_tz(t.created_at, '+00:00', '+08:00')) as on_day,
             coalesce(if(t.kind = 'ESCALATION', c.owner_rep, t.rep), '') as rep, t.kind,
             if(t.kind = 'ESCALATION', 0, 1) as opened, 0 as done, 0 as done_in_time, 0 as cancelled,
             if(t.kind = 'ESCALATION', 1, 0) as escalated
      from follow_up_task t join customer c on c.id = t.customer_id
      union all
      select date(convert_tz(t.closed_at, '+00:00', '+08:00')), coalesce(t.rep, ''), t.kind, 0,
             if(t.outcome is null, 0, 1), if(t.outcome is not null and (t.due_at is null or t.closed_at <= t.due_at), 1, 0),
             if(t.outcome is null, 1, 0), 0
      from follow_up_task t where t.closed_at is not null) f
left join rep_profile p on p.rep = f.rep
group by f.on_day, f.rep, p.team, f.kind;

-- SOP pushes: steps 1-3 of the shipped new-lead plan on days 1, 3 and 5 after a lead came, sent by its rep; four in
-- five confirmed by the rep in WeCom and delivered, the rest never confirmed
insert into push_outbox (customer_id, plan_key, plan_version, step_no, sender_rep, content, status, created_at,
                         planned_at, due_at, sent_at, send_window, delivery_status, delivery_checked_at)
select l.id, 'new-lead', 1, k.step_no, l.rep, 'bench', 'SENT', l.at, l.at + interval k.after_days day,
       l.at + interval k.after_days day, l.at + interval k.after_days day, 'NOON',
       if((l.n + k.step_no) * 13 mod 100 < 80, 'SENT', 'NOT_CONFIRMED'), l.at + interval k.after_days day
from bench_lead l
join (select 1 as step_no, 1 as after_days union all select 2, 3 union all select 3, 5) k
where l.at + interval k.after_days day < @now;

create index idx_bench_lead_id on bench_lead (id);

-- the step roll-up from those pushes by report/StepRollup's rules: due, sent, confirmed and delivered on the day the
-- push went, and a lead's click (its engagement) or unsubscribe (its opt-out) within 24 hours of a push for it
insert into report_step_day (on_day, plan_key, plan_version, step_no, rep, team, due, sent, confirmed, delivered,
                             clicked, replied, unsubscribed)
select date(convert_tz(o.sent_at, '+00:00', '+08:00')), o.plan_key, o.plan_version, o.step_no, o.sender_rep,
       coalesce(p.team, ''), count(*), count(*), sum(o.delivery_status = 'SENT'), sum(o.delivery_status = 'SENT'),
       sum(coalesce(l.engaged between o.sent_at and o.sent_at + interval 1 day, 0)), 0,
       sum(coalesce(l.opted_out between o.sent_at and o.sent_at + interval 1 day, 0))
from push_outbox o
join bench_lead l on l.id = o.customer_id
left join rep_profile p on p.rep = o.sender_rep
group by date(convert_tz(o.sent_at, '+00:00', '+08:00')), o.plan_key, o.plan_version, o.step_no, o.sender_rep, p.team;

delete from report_issue;
drop table bench_lead;
drop table bench_rep;
analyze table customer, captured_lead, scan, timeline_entry, follow_up_task, report_lead, report_lead_step,
  report_funnel_day, report_task_day, push_outbox, report_step_day;
