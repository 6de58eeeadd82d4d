-- tagging: groups (one tag at a time in an exclusive group, e.g. a child's grade), the known tags with their
-- WeCom tag ids, behaviour rules, and the outbox of tag changes on their way to WeCom (mark_tag).
create table tag_group (
  name         varchar(40) not null primary key,
  one_tag_only boolean     not null,
  created_at   datetime(3) not null
);

create table tag (
  name          varchar(64) not null primary key,
  group_name    varchar(40),
  wecom_tag_id  varchar(64),
  created_at    datetime(3) not null
);
create index idx_tag_group on tag (group_name);

-- an event of this type (whose payload mentions the text, when given) earns the customer the tag
create table behaviour_tag_rule (
  id            bigint auto_increment primary key,
  event_type    varchar(30)  not null,
  payload_text  varchar(100),
  tag           varchar(64)  not null,
  created_at    datetime(3)  not null
);
create index idx_behaviour_rule_type on behaviour_tag_rule (event_type);

create table tag_sync (
  id           bigint auto_increment primary key,
  customer_id  varchar(32)   not null,
  added        varchar(1000),
  removed      varchar(1000),
  status       varchar(20)   not null,
  attempts     int           not null default 0,
  last_error   varchar(300),
  created_at   datetime(3)   not null,
  sent_at      datetime(3)
);
create index idx_tag_sync_status on tag_sync (status, id);

insert into tag_group (name, one_tag_only, created_at) values ('年级', true, current_timestamp(3));
insert into tag_group (name, one_tag_only, created_at) values ('学科', false, current_timestamp(3));
insert into tag_group (name, one_tag_only, created_at) values ('地区', true, current_timestamp(3));
insert into tag_group (name, one_tag_only, created_at) values ('意向', true, current_timestamp(3));
insert into tag_group (name, one_tag_only, created_at) values ('渠道', false, current_timestamp(3));
insert into tag_group (name, one_tag_only, created_at) values ('行为', false, current_timestamp(3));

insert into tag (name, group_name, created_at) values ('小学低年级', '年级', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('小学高年级', '年级', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('初中', '年级', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('初三', '年级', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('高中', '年级', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('语文', '学科', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('数学', '学科', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('英语', '学科', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('物理', '学科', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('本地', '地区', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('外地', '地区', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('高意向', '意向', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('中意向', '意向', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('看过价格', '行为', current_timestamp(3));
insert into tag (name, group_name, created_at) values ('互动活跃', '行为', current_timestamp(3));

insert into behaviour_tag_rule (event_type, payload_text, tag, created_at) values ('LINK_CLICKED', 'pricing', '看过价格', current_timestamp(3));
insert into behaviour_tag_rule (event_type, payload_text, tag, created_at) values ('LINK_CLICKED', 'pricing', '高意向', current_timestamp(3));
insert into behaviour_tag_rule (event_type, payload_text, tag, created_at) values ('MESSAGE_REPLIED', null, '互动活跃', current_timestamp(3));
