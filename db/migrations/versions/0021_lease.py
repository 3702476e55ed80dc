"""A shorter session lease: a killed console's job number is usable again within 20 s.
The lease was 30 s, renewed every 10 s; it is now 15 s, renewed every 5 s
(``heartbeat_seconds``), so one missed beat still leaves two more. The login dialog
counts down to the moment the lapsed lease can be taken over.

A centre that changed the lease itself keeps its own value.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-10 09:00:00.000000
"""

from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE security_policy SET lease_seconds = 15 WHERE lease_seconds = 30")


def downgrade() -> None:
    op.execute("UPDATE security_policy SET lease_seconds = 30 WHERE lease_seconds = 15")
