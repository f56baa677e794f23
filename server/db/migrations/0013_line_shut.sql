-- Issue 10 (the law, kept faithful): a closure order, a licence revocation or a closure SHUTS a line (关停); it exits
-- only when the exit is accepted (验收, plan §3.4). New line state `shut`; capacity_exit is written at acceptance.
alter table production_line drop constraint production_line_state_check;
alter table production_line add constraint production_line_state_check
  check (state in ('operating', 'restricted', 'suspended', 'sealed', 'shut', 'dismantled', 'exited'));
