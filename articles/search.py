"""Article search: PostgreSQL full-text search where available, a word match on SQLite.

On PostgreSQL the table carries a `search_vector` column (title weighted A, excerpt B, body C)
that a trigger keeps current on every INSERT and on every UPDATE of those columns (migration
0002). A trigger rather than `save()`: `QuerySet.update()`, `bulk_create()`, fixtures and raw SQL
all bypass `save()`, and the trigger runs in the same statement, so the vector can never lag.
The column is not a model field because SQLite has no tsvector; queries reach it by name.
"""

import re

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.expressions import Expression
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .html import plain_text

# ts_headline marks matches with these; they are turned into <mark> after escaping.
_START, _STOP = "\u27e6", "\u27e7"
_MARKED = re.compile(f"{_START}([^{_START}{_STOP}]*){_STOP}")
_SENTINELS = re.compile(f"[{_START}{_STOP}]")
_WORD = re.compile(r"\w+")
# The SQLite fallback ANDs one clause per word; a handful is plenty for a news search.
MAX_TERMS = 10
SNIPPET_WORDS = 30


def terms(query):
    """The distinct words of a query, in order, at most MAX_TERMS."""
    seen = {}
    for word in _WORD.findall(query):
        seen.setdefault(word.casefold(), word)
    return list(seen.values())[:MAX_TERMS]


def search(queryset, query):
    """Articles of `queryset` matching `query`, best first, each with a `headline` or not."""
    if not terms(query):
        return queryset.none()
    if connection.vendor == "postgresql":
        return _postgres_search(queryset, query)
    return _word_search(queryset, query)


class VectorColumn(Expression):
    """The stored `search_vector` column of the query's own table.

    Not a RawSQL naming the table: in a subquery the table has another alias (U0), and the raw
    name would silently point at the outer query's row."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(compiler.query.base_table)
        return f"{table}.search_vector", []


def _postgres_search(queryset, query):
    config = settings.NEWSROOM_SEARCH_CONFIG
    tsquery = SearchQuery(query, config=config, search_type="websearch")
    vector = VectorColumn()
    return (
        queryset.alias(search_vector=vector)
        .filter(search_vector=tsquery)
        .annotate(
            rank=SearchRank(F("search_vector"), tsquery),
            headline=SearchHeadline(
                "body",
                tsquery,
                config=config,
                start_sel=_START,
                stop_sel=_STOP,
                max_words=SNIPPET_WORDS,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" \u2026 ",
            ),
        )
        .order_by("-rank", "-published_at", "-pk")
    )


class Results:
    """A search's results for the paginator: the best matches among the newest `limit`.

    Ranking every match of a common word (27,000 of 100,000 articles) reads every one of their
    vectors, so only the newest `limit` matches (NEWSROOM_SEARCH_RESULTS) are ranked: one query
    walks the articles in date order until it has them and returns their ids and ranks, sorted
    here. A page's rows (and their snippets) are then fetched by id. The number of results is the
    number of ids: nothing is counted twice. `more`: older matches were left out.
    """

    def __init__(self, queryset, query, limit):
        self.queryset, self.query, self.limit = queryset, query, limit

    @cached_property
    def _ranked(self):
        if not terms(self.query):
            return [], False
        newest = (
            search(self.queryset, self.query)
            .order_by("-published_at", "-pk")
            .values_list("pk", "rank")[: self.limit + 1]
        )
        rows = list(newest)
        more = len(rows) > self.limit
        # Best first; a stable sort keeps equal ranks newest first.
        ranked = sorted(rows[: self.limit], key=lambda row: -row[1])
        return [pk for pk, _rank in ranked], more

    @property
    def more(self):
        return self._ranked[1]

    def count(self):
        return len(self._ranked[0])

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        ids = self._ranked[0][window]
        if not ids:
            return []
        rows = {row.pk: row for row in search(self.queryset, self.query).filter(pk__in=ids)}
        return [rows[pk] for pk in ids if pk in rows]


def _word_search(queryset, query):
    """Every word must appear in the title, excerpt or body; title matches come first."""
    words = terms(query)
    in_title = Q()
    for word in words:
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(excerpt__icontains=word) | Q(body__icontains=word)
        )
        in_title &= Q(title__icontains=word)
    rank = Case(When(in_title, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
    return queryset.annotate(rank=rank).order_by("-rank", "-published_at", "-pk")


def snippet(article, query):
    """A short, escaped extract of the article with the query's words in <mark>."""
    headline = getattr(article, "headline", None)
    if headline and plain_text(headline):
        return _render_headline(headline)
    words = terms(query)
    body = plain_text(article.body)
    if not body or not _pattern(words).search(body):
        body = article.summary  # the match is in the title or the excerpt
    return _highlight(body, words)


def _pattern(words):
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def _render_headline(headline):
    text = escape(plain_text(headline))
    text = _MARKED.sub(r"<mark>\1</mark>", text)
    return mark_safe(_SENTINELS.sub("", text))  # escaped above; only <mark> added


def _highlight(text, words):
    """A window of SNIPPET_WORDS words around the first match, matches marked."""
    if not words:
        return escape(text)
    pattern = _pattern(words)
    tokens = text.split(" ")
    first = next((i for i, token in enumerate(tokens) if pattern.search(token)), 0)
    start = max(0, first - SNIPPET_WORDS // 3)
    window = " ".join(tokens[start : start + SNIPPET_WORDS])
    parts, last = [], 0
    for match in pattern.finditer(window):
        parts.append(escape(window[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(window[last:]))
    prefix = "\u2026 " if start > 0 else ""
    suffix = " \u2026" if start + SNIPPET_WORDS < len(tokens) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # every piece escaped
