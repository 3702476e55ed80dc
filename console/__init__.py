"""The Qt-free domain of the agent console, one package per capability, layered bottom to
top: core, people, content | customers | telephony, cases | campaigns, calls | shift,
printing, app. Services take a SQLAlchemy session and the acting agent's context, never
commit, and return plain data."""
