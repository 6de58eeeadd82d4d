-- customer: the privacy notice (个人信息处理规则) a lead consents to on the landing form, kept in versions: an edit is a
-- new version, and a lead's consent points at the exact text it was shown (PIPL art. 14, 17)
create table privacy_notice (
  version     int           not null primary key,
  title       varchar(100)  not null,
  body        text          not null,
  created_by  varchar(64)   not null,
  created_at  datetime(3)   not null
);

-- the consent stored with the lead, in the same row, so a lead and its consent are written together
alter table captured_lead add column consent_notice_version int;
alter table captured_lead add column consented_at datetime(3);
alter table captured_lead add constraint fk_lead_consent_notice
  foreign key (consent_notice_version) references privacy_notice (version);
create index idx_lead_customer_consent on captured_lead (customer_id, consent_notice_version);

-- the shipped notice: the 【】 parts name the corp and must be filled in by an admin before going live
insert into privacy_notice (version, title, body, created_by, created_at) values (1, '个人信息处理规则',
'本规则说明我们在您通过本页面留下联系方式时，如何处理您的个人信息。请您在提交前仔细阅读。

一、个人信息处理者
【请填写：机构全称】（以下简称“我们”）。
联系方式：【请填写：客服电话或电子邮箱】，地址：【请填写：办公地址】。

二、我们收集哪些信息
1. 您主动填写的：称呼、手机号码。
2. 您打开页面时自动记录的：访问时间、所扫渠道码、浏览器类型、无法还原的网络地址摘要，用于防止恶意提交和统计渠道效果；以及一个 Cookie，仅用于您再次打开页面时为您安排同一位顾问。

三、处理目的和方式
1. 由为您服务的课程顾问通过电话或企业微信与您联系，解答咨询；
2. 向您发送您所咨询的课程资料和活动信息；
3. 识别您是否已是我们的客户，避免多位顾问重复打扰您。
我们不会将您的个人信息用于上述目的以外的用途，不会出售您的个人信息。为通过企业微信与您联系，您添加顾问后，相关信息会在腾讯企业微信中处理。

四、保存期限
自您最后一次与我们联系之日起保存 24 个月；期满或您撤回同意后，我们将删除或匿名化处理您的个人信息，法律法规另有规定的除外。

五、您的权利
您可以查阅、复制、更正、删除您的个人信息，也可以随时撤回同意：通过上述联系方式联系我们，或在企业微信中告诉您的顾问“撤回同意”或“退订”。撤回同意不影响撤回前基于您的同意已进行的处理。我们将在 15 个工作日内答复。

六、同意
您勾选“我已阅读并同意”并提交表单，即表示您同意我们按本规则处理您的个人信息。您可以不提供上述信息，但我们将无法安排顾问与您联系。

本规则更新时，我们会在本页面展示新版本；新版本不影响您此前作出同意时所依据的版本。',
'system', current_timestamp(3));
