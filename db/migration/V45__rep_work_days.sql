-- followup: the weekdays a rep works; education sales work Saturdays, so the default is Monday to Saturday
alter table rep_profile add column work_days varchar(27) not null default 'MON,TUE,WED,THU,FRI,SAT';
