"""The running console's access to the database (runtime: one unit of work per action),
start-up with migrations, and drafts kept on this PC."""
