"""The knowledge panel (R2.17): articles and their Chinese full-text search.

SQLite: an FTS5 table with the trigram tokenizer (any 3+ character substring, Chinese
included), kept in step by triggers. PostgreSQL: pg_trgm and a GIN trigram index on the
searchable text, used by ILIKE. Shorter queries (2 Chinese characters, such as 报装) are
answered by a plain scan on both, which stays fast at tens of thousands of articles.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 10:00:00.000000
"""

import sqlalchemy as sa
from alembic import context, op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

SQLITE = (
    "CREATE VIRTUAL TABLE kb_fts USING fts5(title, keywords, body, "
    "content='kb_articles', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER kb_articles_ai AFTER INSERT ON kb_articles BEGIN "
    "INSERT INTO kb_fts(rowid, title, keywords, body) "
    "VALUES (new.id, new.title, new.keywords, new.body); END",
    "CREATE TRIGGER kb_articles_ad AFTER DELETE ON kb_articles BEGIN "
    "INSERT INTO kb_fts(kb_fts, rowid, title, keywords, body) "
    "VALUES ('delete', old.id, old.title, old.keywords, old.body); END",
    "CREATE TRIGGER kb_articles_au AFTER UPDATE ON kb_articles BEGIN "
    "INSERT INTO kb_fts(kb_fts, rowid, title, keywords, body) "
    "VALUES ('delete', old.id, old.title, old.keywords, old.body); "
    "INSERT INTO kb_fts(rowid, title, keywords, body) "
    "VALUES (new.id, new.title, new.keywords, new.body); END",
)


def upgrade() -> None:
    op.create_table(
        "kb_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=128), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("clause", sa.String(length=128), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kb_articles")),
        sa.UniqueConstraint("slug", name=op.f("uq_kb_articles_slug")),
    )
    if op.get_bind().dialect.name == "postgresql":
        seat_role = str(context.config.attributes.get("seat_role", "agent_console_seat"))
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_kb_articles_text ON kb_articles USING gin "
            "((title || ' ' || keywords || ' ' || body) gin_trgm_ops)"
        )
        # Seats read the answers; administrators maintain them (their own connection).
        op.execute(f"REVOKE ALL ON kb_articles FROM {seat_role}")
        op.execute(f"GRANT SELECT ON kb_articles TO {seat_role}")
    else:
        for statement in SQLITE:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS kb_fts")
    op.drop_table("kb_articles")
