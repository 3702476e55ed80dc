"""The knowledge panel (R2.17): answers an agent finds by Chinese keywords while the
caller waits — installation and its documents, safe use, the IC card, the meter
battery, promises, prices and policies — maintained as data by administrators.

Search uses what each database offers, no external server: SQLite's FTS5 with the
trigram tokenizer (any run of 3+ characters, Chinese included; migration 0011) and
PostgreSQL's pg_trgm GIN index under ILIKE. Every word of the query must appear (in
the title, the keywords or the answer); titles rank first, then keywords. A word of one
or two characters (报装, 电池) is too short for a trigram and is matched by a plain
scan, which stays within a few milliseconds at 10,000 articles
(benchmarks/knowledge.py).

Import (``import_articles``) validates a YAML file like every data file and replaces
articles by slug; ``export_articles`` writes the same format, so content moves from a
test installation to production as a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML
from sqlalchemy import ColumnElement, and_, case, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

import resources
from console import audit
from console.auth import db_now
from console.calls import check_text
from console.datafiles import load_validated
from console.errors import UserFacingError
from console.identity import AgentContext, Role, require_role
from db.models import KnowledgeArticle

MAX_QUERY = 64
MAX_RESULTS = 50
TRIGRAM = 3
PG_SEARCHABLE = "(title || ' ' || keywords || ' ' || body)"  # = the index, migration 0011


class ArticleDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")
    category: str = Field(min_length=1, max_length=32)
    title: str = Field(min_length=1, max_length=128)
    keywords: str = Field(default="", max_length=500)
    body: str = Field(min_length=1, max_length=20_000)
    clause: str = Field(default="", max_length=128)


class Knowledge(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    articles: tuple[ArticleDef, ...]


@dataclass(frozen=True)
class Article:
    id: int
    slug: str
    category: str
    title: str
    body: str
    clause: str


def shipped_path(language: str = "zh_CN") -> Path:
    return resources.path("knowledge", f"{language}.yaml")


def _words(query: str) -> list[str]:
    query = check_text("query", query, MAX_QUERY).strip()
    return [w for w in query.replace(",", " ").replace(",", " ").split() if w]


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(s: Session, ctx: AgentContext, query: str, limit: int = 20) -> list[Article]:
    """Articles holding every word of ``query``, best first."""
    words = _words(query)
    if not words:
        return []
    limit = max(1, min(int(limit), MAX_RESULTS))
    a = KnowledgeArticle
    conditions: list[ColumnElement[bool]] = []
    if s.get_bind().dialect.name == "sqlite":
        long_words = [w for w in words if len(w) >= TRIGRAM]
        if long_words:
            # FTS5 trigram: each word a quoted phrase, all required.
            match = " AND ".join('"' + w.replace('"', '""') + '"' for w in long_words)
            conditions.append(
                a.id.in_(
                    select(literal_column("rowid"))
                    .select_from(text("kb_fts"))
                    .where(text("kb_fts MATCH :match").bindparams(match=match))
                )
            )
        short = [w for w in words if len(w) < TRIGRAM]
    else:
        short = words  # pg_trgm serves ILIKE itself (and scans for short words)
    for w in short:
        pattern = _like(w)
        if s.get_bind().dialect.name == "sqlite":
            conditions.append(
                or_(
                    a.title.ilike(pattern, escape="\\"),
                    a.keywords.ilike(pattern, escape="\\"),
                    a.body.ilike(pattern, escape="\\"),
                )
            )
        else:
            # The indexed expression, spelt exactly as migration 0011 spells it; Chinese
            # has no case, so ILIKE (slower on UTF-8) only for words with Latin letters.
            searchable: ColumnElement[str] = literal_column(PG_SEARCHABLE)
            like = (
                searchable.ilike if any(c.isascii() and c.isalpha() for c in w) else searchable.like
            )
            conditions.append(like(pattern, escape="\\"))
    first = _like(words[0])
    rank = case(
        (a.title.ilike(first, escape="\\"), 0),
        (a.keywords.ilike(first, escape="\\"), 1),
        else_=2,
    )
    rows = s.scalars(
        select(a).where(and_(*conditions)).order_by(rank, func.length(a.title), a.id).limit(limit)
    )
    return [Article(r.id, r.slug, r.category, r.title, r.body, r.clause) for r in rows]


def get(s: Session, ctx: AgentContext, article_id: int) -> Article | None:
    r = s.get(KnowledgeArticle, article_id)
    return None if r is None else Article(r.id, r.slug, r.category, r.title, r.body, r.clause)


def import_articles(s: Session, ctx: AgentContext | None, path: Path, *, by: str = "cli") -> int:
    """Validate ``path`` and upsert its articles by slug (administrators; the command
    line runs it as the schema owner). Returns how many were written."""
    if ctx is not None:
        require_role(ctx, Role.ADMIN)
        by = ctx.stamped_job_no
    if s.get_bind().dialect.name == "postgresql" and not s.scalar(
        text("SELECT has_table_privilege('kb_articles', 'UPDATE')")
    ):
        # Seats only read the answers; content is maintained on the owner's connection.
        raise UserFacingError("role.denied", needed="数据库所有者 / database owner")
    content = load_validated(Path(path), Knowledge)
    now = db_now(s)
    existing = {a.slug: a for a in s.scalars(select(KnowledgeArticle))}
    for d in content.articles:
        row = existing.get(d.slug)
        if row is None:
            row = KnowledgeArticle(slug=d.slug)
            s.add(row)
        row.category, row.title, row.keywords = d.category, d.title, d.keywords
        row.body, row.clause, row.updated_at, row.updated_by = d.body, d.clause, now, by
    s.flush()
    audit.record(s, "knowledge.imported", file=Path(path).name, articles=len(content.articles))
    return len(content.articles)


def export_articles(s: Session, ctx: AgentContext | None, path: Path) -> int:
    """Write every article to ``path`` in the import format."""
    if ctx is not None:
        require_role(ctx, Role.ADMIN)
    rows = s.scalars(select(KnowledgeArticle).order_by(KnowledgeArticle.slug)).all()
    data = {
        "version": 1,
        "articles": [
            {
                "slug": r.slug,
                "category": r.category,
                "title": r.title,
                "keywords": r.keywords,
                "body": r.body,
                "clause": r.clause,
            }
            for r in rows
        ],
    }
    yaml = YAML()
    yaml.allow_unicode = True
    with Path(path).open("w", encoding="utf-8") as f:
        yaml.dump(data, f)
    return len(rows)
