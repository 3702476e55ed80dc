"""The 质检 tabs: the supervisor's review list and form, the agent's results, the trends."""
