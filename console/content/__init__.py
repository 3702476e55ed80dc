"""What the seats speak and apply, as validated data an administrator edits: the call
script, quick scripts, intent forms, taboo lists, SLA policy, shifts, holidays,
departments, the knowledge panel; its versions and live reload."""
