from articles.models.article import Article, ArticleQuerySet, ArticleStatus, Section
from articles.models.related import RelatedLink
from articles.models.taxonomy import Author, Category, Tag, TaggedArticle

__all__ = [
    "Article",
    "ArticleQuerySet",
    "ArticleStatus",
    "Author",
    "Category",
    "RelatedLink",
    "Section",
    "Tag",
    "TaggedArticle",
]
