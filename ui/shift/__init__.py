"""The shift tab (pre-shift check, handover), the supervisor board, the wall board and the
supervisor's tools."""
