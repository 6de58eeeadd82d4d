-- customer: an email identity may be as long as an address can be (254); 128 made a valid address fail as a 500
alter table customer_identity modify column id_value varchar(254) not null;
alter table customer_merge_identity modify column id_value varchar(254) not null;
