"""Quality inspection (质检): the daily draw of calls for review, the supervisors' reviews
against the checklist, the agents' replies and acknowledgments, and the trends."""
