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

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from ruamel.yaml import YAML
from sqlalchemy import ColumnElement, and_, case, func, literal_column, or_, select, text
from sqlalchemy.orm import Session

import resources
from console.content.dialogue import company
from console.core import audit
from console.core.checks import check_text
from console.core.datafiles import load_validated
from console.core.errors import UserFacingError
from console.core.identity import AgentContext, Role, require_role
from console.core.unit import db_now
from db.models import KnowledgeArticle

MAX_QUERY = 64
MAX_RESULTS = 50
TRIGRAM = 3
PG_SEARCHABLE = "(title || ' ' || keywords || ' ' || body)"  # = the index, migration 0011


SLUG = r"[a-z0-9][a-z0-9-]{0,63}"
LIMITS = {"slug": 64, "category": 32, "title": 128, "keywords": 500, "body": 20_000, "clause": 128}
REQUIRED = ("slug", "category", "title", "body")


class ArticleDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=f"^{SLUG}$")
    category: str = Field(min_length=1, max_length=LIMITS["category"])
    title: str = Field(min_length=1, max_length=LIMITS["title"])
    keywords: str = Field(default="", max_length=LIMITS["keywords"])
    body: str = Field(min_length=1, max_length=LIMITS["body"])
    clause: str = Field(default="", max_length=LIMITS["clause"])


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
    return [_said(r) for r in rows]


def _said(r: KnowledgeArticle) -> Article:
    """An answer as the agent reads it out: ``{hotline}`` is the company's service number
    (resources/company.yaml), so a changed number changes every answer at once."""
    body = r.body.replace("{hotline}", company().hotline)
    return Article(r.id, r.slug, r.category, r.title, body, r.clause)


def get(s: Session, ctx: AgentContext, article_id: int) -> Article | None:
    r = s.get(KnowledgeArticle, article_id)
    return None if r is None else _said(r)


@dataclass(frozen=True)
class ArticleDraft:
    """An answer as an administrator writes it in the panel."""

    slug: str
    category: str
    title: str
    keywords: str
    body: str
    clause: str


def full(s: Session, ctx: AgentContext, slug: str) -> ArticleDraft | None:
    """An answer with its keywords, to edit (administrators)."""
    require_role(ctx, Role.ADMIN)
    r = s.scalars(select(KnowledgeArticle).where(KnowledgeArticle.slug == slug)).one_or_none()
    if r is None:
        return None
    return ArticleDraft(r.slug, r.category, r.title, r.keywords, r.body, r.clause)


def save_article(s: Session, ctx: AgentContext, draft: ArticleDraft) -> bool:
    """Add an answer or change the one with this slug (administrators; on PostgreSQL the
    database refuses anyone else too). True when it was new. Audited."""
    require_role(ctx, Role.ADMIN)
    values = {
        name: check_text(
            f"article.{name}", getattr(draft, name), limit, required=name in REQUIRED
        ).strip()
        for name, limit in LIMITS.items()
    }
    if not re.fullmatch(SLUG, values["slug"]):
        raise UserFacingError("knowledge.slug_invalid", slug=values["slug"][:64])
    now = db_now(s)  # before a new row is pending: on PostgreSQL this is a query
    row = s.scalars(
        select(KnowledgeArticle).where(KnowledgeArticle.slug == values["slug"])
    ).one_or_none()
    new = row is None
    if row is None:
        row = KnowledgeArticle(slug=values["slug"])
        s.add(row)
    row.category, row.title, row.keywords = values["category"], values["title"], values["keywords"]
    row.body, row.clause = values["body"], values["clause"]
    row.updated_at, row.updated_by = now, ctx.stamped_job_no
    s.flush()
    audit.record(s, "knowledge.added" if new else "knowledge.changed", slug=values["slug"])
    return new


def import_articles(s: Session, ctx: AgentContext | None, path: Path, *, by: str = "cli") -> int:
    """Validate ``path`` and upsert its articles by slug (administrators; the command
    line runs it as the schema owner). Returns how many were written."""
    if ctx is not None:
        require_role(ctx, Role.ADMIN)
        by = ctx.stamped_job_no
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
