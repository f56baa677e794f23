-- The supervision indicators' "days since the last progress" (issue 13, §3.3) read each territory's last accepted exit
-- up to a day: by this index one entry per territory (a backward index scan) instead of every exit of the territory,
-- which grows with the years of history.
create index capacity_exit_territory_exited on capacity_exit (territory_code, exited_on);
