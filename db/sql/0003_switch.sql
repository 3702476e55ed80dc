-- The simulated switch (revision 0003). Loaded with {seat_role} filled in.
-- A seat reads its signals and marks them delivered; the simulator, run with a seat's
-- credentials on a training floor, may also send them. Signals carry no customer data
-- beyond the caller number a real switch would show, and nothing else depends on them.
REVOKE ALL ON switch_signals FROM {seat_role};
GRANT SELECT, INSERT ON switch_signals TO {seat_role};
GRANT UPDATE (delivered_at) ON switch_signals TO {seat_role};
GRANT USAGE ON SEQUENCE switch_signals_id_seq TO {seat_role};
