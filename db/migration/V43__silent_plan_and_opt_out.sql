-- segment: the shipped silent-lead SOP (seed 004 step 7: a sparser plan for leads that went quiet)
insert into sop_plan (plan_key, version, name, created_at) values ('silent', 1, '沉默客户唤醒 SOP', '2026-01-01 00:00:00');
insert into sop_step (plan_key, plan_version, step_no, day_offset, send_window, content_text, link_url) values
  ('silent', 1, 1, 3,  'EVENING', '{{name}}，好久没联系了。本月的免费试听课还有名额，需要的话回复我帮您预留：', 'https://example.edu/courses/trial'),
  ('silent', 1, 2, 21, 'NOON',    '{{name}}您好，我们整理了家长最关心的十个问题，有空可以看看：', 'https://example.edu/faq'),
  ('silent', 1, 3, 60, 'EVENING', '{{name}}，新学期课程表已发布，如果有兴趣随时找我{{rep}}。', 'https://example.edu/courses');
-- links travel as attachments since V30, as they do for the new-lead plan
update sop_step set attachments = concat('[{"kind":"LINK","title":"点击查看","url":"', link_url, '"}]')
  where plan_key = 'silent' and link_url is not null;

-- segment: an unsubscribe is for good, whatever stage the customer moves to later
create table opt_out (
  customer_id   varchar(32)  not null primary key,
  opted_out_at  datetime(3)  not null,
  reason        varchar(200)
);
