-- sop: how many days without interaction send a lead on this plan to the next segment: new-lead plans to the
-- silent segment (default 14), the silent plan to dormant (90, as before)
alter table sop_plan add column silence_days int not null default 14;
update sop_plan set silence_days = 90 where plan_key = 'silent';
