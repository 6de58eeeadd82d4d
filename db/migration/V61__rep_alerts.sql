-- followup: alerts to reps and sales leads as WeCom app messages (a new task, a batch to confirm, the morning digest).
-- Written in the same transaction as what they announce, sent after commit by whoever claims them: an outbox, so a
-- crash neither loses nor doubles one. alert_key is unique: one alert per task and rep, per batch, per rep and day.
create table rep_alert (
  id               bigint auto_increment primary key,
  alert_key        varchar(120)  not null,
  rep              varchar(64)   not null,
  kind             varchar(20)   not null,
  title            varchar(128)  not null,
  description      varchar(1000) not null,
  url              varchar(500)  not null,
  state            varchar(20)   not null,
  attempts         int           not null default 0,
  created_at       datetime(3)   not null,
  next_attempt_at  datetime(3)   not null,
  claimed_at       datetime(3),
  sent_at          datetime(3),
  msg_id           varchar(128),
  errcode          int,
  error            varchar(500),
  constraint uq_rep_alert_key unique (alert_key)
);
create index ix_rep_alert_due on rep_alert (state, next_attempt_at);
