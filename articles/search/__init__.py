"""
Full-text search over essays' titles, standfirsts, headings and bodies, on PostgreSQL and
SQLite alike (docs/search.md). Readers: `search()`; the admin: `matching()`; the
services alone keep the index current with `index_articles()`.
"""

from articles.search.index import index_all, index_articles
from articles.search.query import MAX_QUERY_LENGTH, Query, fold, parse
from articles.search.results import Hit, Results, matching, matching_ids, search
from articles.search.suggestions import did_you_mean

__all__ = [
    "MAX_QUERY_LENGTH",
    "Hit",
    "Query",
    "Results",
    "did_you_mean",
    "fold",
    "index_all",
    "index_articles",
    "matching",
    "matching_ids",
    "parse",
    "search",
]
