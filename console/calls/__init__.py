"""One call from ring to wrap-up: the call records, the call state machine, the call on the
desk, the screen pop, caller verification, compliance scoring and the call log."""
