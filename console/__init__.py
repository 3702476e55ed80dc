"""The Qt-free domain of the agent console. Services take a SQLAlchemy session and the
acting agent's context, never commit, and return plain data."""
