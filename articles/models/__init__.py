from articles.models.article import Article, ArticleQuerySet, ArticleStatus, Section
from articles.models.related import RelatedCandidate, RelatedLink, RelatedState
from articles.models.taxonomy import Author, Category, Tag, TaggedArticle, TagRedirect

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ArticleStatus",
    "Author",
    "Category",
    "RelatedCandidate",
    "RelatedLink",
    "RelatedState",
    "Section",
    "Tag",
    "TagRedirect",
    "TaggedArticle",
]
