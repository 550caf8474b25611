"""“Did you mean”: a query's words corrected towards the site's own vocabulary."""

import difflib

from articles.models import Article, Category, Tag
from articles.search.query import WORD, Query, fold

RECENT_TITLES = 500


def _vocabulary():
    names = [
        *Tag.objects.shown().values_list("name", flat=True),
        *Category.objects.values_list("name", flat=True),
        *Article.objects.published().newest_first().values_list("title", flat=True)[:RECENT_TITLES],
    ]
    return {word for name in names for word in WORD.findall(fold(name).lower()) if len(word) > 2}


def did_you_mean(query: Query) -> str | None:
    """A corrected query if any word is a near miss of a word the site uses, else None."""
    words = query.words
    if not words:
        return None
    vocabulary = _vocabulary()
    corrected = [
        word if word in vocabulary else next(
            iter(difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)), word
        )
        for word in words
    ]  # fmt: skip
    return " ".join(corrected) if corrected != words else None
