-- Hot roll-up rows serialised concurrent acts: every act on an energy case of one territory moved the same two
-- rollup_case rows, whose row locks are held until commit. Each roll-up key now has ROLLUP_SLOTS rows (slot =
-- case id modulo the slot count); readers sum over the slots.
alter table rollup_case add column slot smallint not null default 0;
alter table rollup_case drop constraint rollup_case_pkey;
alter table rollup_case add primary key (territory_code, dimension, state, slot);

alter table rollup_due add column slot smallint not null default 0;
alter table rollup_due drop constraint rollup_due_pkey;
alter table rollup_due add primary key (territory_code, dimension, due_on, slot);
