-- sop: the shipped plans again, as version 2, without {{name}}. A WeCom mass-send carries one text for all of a rep's
-- customers, so a step that names each customer goes as one mass-send per customer: one confirmation each for the
-- rep. Leads already on version 1 keep it; new leads start on version 2.
insert into sop_plan (plan_key, version, name, silence_days, created_at)
select plan_key, 2, name, silence_days, '2026-12-02 00:00:00' from sop_plan
where plan_key in ('new-lead', 'silent') and version = 1;

insert into sop_step (plan_key, plan_version, step_no, day_offset, send_window, content_text, link_url, timing, at_time,
                      delay_after, at_local, weekdays, content_id, attachments, tags_include, tags_exclude, stops_plan,
                      delivery)
select plan_key, 2, step_no, day_offset, send_window, replace(replace(content_text, '{{name}}，', ''), '{{name}}', ''),
       link_url, timing, at_time, delay_after, at_local, weekdays, content_id, attachments, tags_include, tags_exclude,
       stops_plan, delivery
from sop_step where plan_key in ('new-lead', 'silent') and plan_version = 1;
