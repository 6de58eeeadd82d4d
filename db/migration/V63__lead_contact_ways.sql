-- capture: a lead who filled in the form gets the routed rep's own WeCom 「联系我」 code, made for that lead; its
-- state comes back with WeCom's add callback and links the WeCom contact to the lead. The channel's shared
-- contact way keeps WeCom's QR picture address so it can be downloaded and printed.

alter table channel add column wecom_qr_code varchar(500);

create table lead_contact_way (
  state             varchar(30)  not null primary key,
  lead_id           bigint       not null,
  channel_id        bigint       not null,
  rep               varchar(64)  not null,
  wecom_config_id   varchar(64),
  qr_code           varchar(500),
  created_at        datetime(3)  not null,
  expires_at        datetime(3)  not null,
  external_user_id  varchar(64),
  added_at          datetime(3),
  -- the contact way is gone from WeCom (used or expired): WeCom caps a corp's API-made contact ways
  retired_at        datetime(3)
);
create index idx_lead_contact_way_lead on lead_contact_way (lead_id);
create index idx_lead_contact_way_open on lead_contact_way (retired_at, expires_at);
