-- events: the engagement score's anchor (points at the last event); the decayed value is written to customer.score
create table engagement_score (
  customer_id  varchar(32)    not null primary key,
  points       decimal(12,3)  not null,
  scored_at    datetime(3)    not null
);

-- parked events are looked up again by the identity they named when a customer appears
create index idx_event_parked on behaviour_event (status, customer_ref);
