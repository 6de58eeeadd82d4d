-- workspace: the 话术 library, ready-made scripts admins write and reps copy or send into a WeCom chat; variables
-- such as {{name}} are filled for the customer the rep is talking to
create table talk_script (
  id          bigint        auto_increment primary key,
  title       varchar(40)   not null,
  category    varchar(20)   not null,
  body        varchar(2000) not null,
  active      boolean       not null default true,
  updated_by  varchar(64)   not null,
  updated_at  datetime(3)   not null
);
create index idx_talk_script_category on talk_script (active, category);

insert into talk_script (title, category, body, active, updated_by, updated_at) values
  ('首次联系问候', '首次联系', '{{name}}您好，我是{{rep}}，您的专属顾问。看到您刚领取了资料，孩子现在几年级、哪一科最想提升呢？', true, 'system', '2026-12-02 00:00:00'),
  ('发送试听邀请', '邀约', '{{name}}您好，本周六上午有一节免费试听课，名额不多，需要我帮孩子预留一个位置吗？', true, 'system', '2026-12-02 00:00:00'),
  ('价格异议', '异议处理', '理解您的顾虑。我们的课程按课时收费，可以先试听再决定，不满意随时可以退，您看这样可以吗？', true, 'system', '2026-12-02 00:00:00'),
  ('长时间未回复', '唤醒', '{{name}}您好，最近孩子学习还顺利吗？我们整理了一份期末复习资料，需要的话回复「资料」我发给您。', true, 'system', '2026-12-02 00:00:00');
