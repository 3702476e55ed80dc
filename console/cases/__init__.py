"""First-contact responsibility (首问负责制): cases and their owners, SLA clocks and the sweep,
my cases, callbacks (回访) and follow-up, special groups, the complaint register."""
