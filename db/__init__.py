"""The database layer: typed models, engine and unit of work, migrations, and the
guards that keep the shared database's rules (sessions, fencing, audit) in force."""
