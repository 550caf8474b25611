from articles.models.archive import ArchiveMonth
from articles.models.article import (
    Article,
    ArticleQuerySet,
    ArticleRedirect,
    ArticleStatus,
    Section,
)
from articles.models.related import RelatedCandidate, RelatedLink, RelatedState
from articles.models.rendering import ArticleRelatedItem, ArticleRendering
from articles.models.revisions import Autosave, PreviewLink, Revision
from articles.models.search import SearchEntry
from articles.models.taxonomy import Author, Byline, Category, Tag, TaggedArticle, TagRedirect
from articles.models.workflow import AuditAction, AuditEntry

__all__ = [
    "ArchiveMonth",
    "Article",
    "ArticleQuerySet",
    "ArticleRedirect",
    "ArticleRelatedItem",
    "ArticleRendering",
    "ArticleStatus",
    "AuditAction",
    "AuditEntry",
    "Author",
    "Autosave",
    "Byline",
    "Category",
    "PreviewLink",
    "RelatedCandidate",
    "RelatedLink",
    "RelatedState",
    "Revision",
    "SearchEntry",
    "Section",
    "Tag",
    "TagRedirect",
    "TaggedArticle",
]
