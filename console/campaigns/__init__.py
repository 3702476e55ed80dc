"""Outage notification campaigns (R5.2, R5.3): the affected area's customers, claimed one
at a time, with the advance-notice clock of a planned outage."""
