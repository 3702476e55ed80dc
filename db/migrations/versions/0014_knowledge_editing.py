"""Administrators maintain the knowledge panel's answers from their seat.

On PostgreSQL seats may now insert and update ``kb_articles``; the trigger of 0013
(``ac_content_admin_only``) lets only an administrator's active session (or the schema
owner) do it, and refuses deletes. SQLite has no roles: the service checks it.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 13:00:00.000000
"""

from alembic import context, op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def _seat_role() -> str:
    return str(context.config.attributes.get("seat_role", "agent_console_seat"))


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "CREATE TRIGGER kb_articles_admin BEFORE INSERT OR UPDATE OR DELETE ON kb_articles "
        "FOR EACH ROW EXECUTE FUNCTION ac_content_admin_only()"
    )
    op.execute(f"GRANT INSERT, UPDATE ON kb_articles TO {_seat_role()}")
    op.execute(f"GRANT USAGE ON SEQUENCE kb_articles_id_seq TO {_seat_role()}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(f"REVOKE INSERT, UPDATE ON kb_articles FROM {_seat_role()}")
    op.execute("DROP TRIGGER IF EXISTS kb_articles_admin ON kb_articles")
