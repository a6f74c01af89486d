// Work orders and history replay (migration 5): first-response time, event details, and the indexes
// that keep a replay seek and a timeline window to index scans.

export const WORK_ORDER_REPLAY_SCHEMA = [
  // Set once, on the first move to assigned or in progress: the SLA response clock stops there.
  `alter table work_orders add column if not exists responded_at timestamptz`,
  // What changed besides the status (assignee, priority, category), for history and replay.
  `alter table work_order_events add column if not exists detail jsonb`,
  `create index if not exists work_order_events_wo_idx on work_order_events(work_order_id, at)`,
  `create index if not exists work_order_events_at_idx on work_order_events(at)`,
  `create index if not exists work_orders_status_idx on work_orders(compound_id, status)`,
  `create index if not exists work_orders_alarm_idx on work_orders(alarm_id) where alarm_id is not null`,
  // Alarms active at t = raised ≤ t and (not cleared or cleared after t): found through this index.
  `create index if not exists alarms_cleared_idx on alarms(compound_id, cleared_at)`,
];
