"""What every capability stands on: errors a user can act on, who is acting (identity), the
clock, input checks, the unit of work's clock and guard, validated data files, messages,
settings, the audit trail, the shared work-list claim, and the vocabularies (closed sets of
values and the kinds of id)."""
