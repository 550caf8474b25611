"""
Every write that readers or editors can see, by area. The admin, the importer and the
management commands call these and nothing else; they alone call cache invalidation
(`articles.caching`) and related-list upkeep (`articles.related`).

Each function is keyword-only, typed, atomic and asks `permissions.require()` whether
`by` may act (`by=None` is trusted system code: migrations, the demo loader, the shell).
"""

from articles.services.archive_months import archive_recount
from articles.services.batching import upkeep_together
from articles.services.pages import (
    NewEssay,
    PinData,
    SectionData,
    article_delete,
    article_save,
    articles_create_bulk,
    articles_delete,
    many_changes,
    new_essay_check,
)
from articles.services.permissions import Action, can, require, visible_articles
from articles.services.pinning import (
    references_resolve,
    related_pin,
    related_reorder,
    related_unpin,
)
from articles.services.related_lists import (
    related_pools_refresh,
    related_pools_refresh_after_import,
)
from articles.services.renderings import renderings_refresh
from articles.services.revisions import EditConflict, revision_restore, snapshot
from articles.services.search_index import search_index_rebuild
from articles.services.tags import (
    article_tags_set,
    tag_merge,
    tag_rename,
    tag_save,
    tags_delete,
    tags_resolve,
)
from articles.services.taxonomy import (
    author_delete,
    author_for_name,
    author_save,
    category_delete,
    category_save,
)
from articles.services.workflow import (
    Incomplete,
    article_publish,
    article_reassign,
    article_schedule,
    article_send_back,
    article_submit,
    article_unpublish,
    articles_publish,
    articles_unpublish,
    same_moment,
)

__all__ = [
    "Action",
    "EditConflict",
    "Incomplete",
    "NewEssay",
    "PinData",
    "SectionData",
    "archive_recount",
    "article_delete",
    "article_publish",
    "article_reassign",
    "article_save",
    "article_schedule",
    "article_send_back",
    "article_submit",
    "article_tags_set",
    "article_unpublish",
    "articles_create_bulk",
    "articles_delete",
    "articles_publish",
    "articles_unpublish",
    "author_delete",
    "author_for_name",
    "author_save",
    "can",
    "category_delete",
    "category_save",
    "many_changes",
    "new_essay_check",
    "references_resolve",
    "related_pin",
    "related_pools_refresh",
    "related_pools_refresh_after_import",
    "related_reorder",
    "related_unpin",
    "renderings_refresh",
    "require",
    "revision_restore",
    "same_moment",
    "search_index_rebuild",
    "snapshot",
    "tag_merge",
    "tag_rename",
    "tag_save",
    "tags_delete",
    "tags_resolve",
    "upkeep_together",
    "visible_articles",
]
