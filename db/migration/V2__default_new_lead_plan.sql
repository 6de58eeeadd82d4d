-- The shipped new-lead SOP (seed 004 step 5; windows from seeds 000-002). Admins add versions through the API.
insert into sop_plan (plan_key, version, name, created_at) values ('new-lead', 1, '新客户培育 SOP', '2026-01-01 00:00:00');
insert into sop_step (plan_key, plan_version, step_no, day_offset, send_window, content_text, link_url) values
  ('new-lead', 1, 1, 1, 'NOON',    '{{name}}您好，我是您的顾问{{rep}}。为您整理了一份入门资料，有任何问题随时找我。', null),
  ('new-lead', 1, 2, 3, 'EVENING', '{{name}}，本周公开课的报名通道已开放，点击查看课程安排：', 'https://example.edu/courses/open-class'),
  ('new-lead', 1, 3, 7, 'MORNING', '{{name}}早上好！这是往期学员的学习成果分享，看看适不适合您家孩子：', 'https://example.edu/stories');
