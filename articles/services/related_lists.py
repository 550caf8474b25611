"""The stored pools behind Related Articles, refreshed by the periodic command."""

from articles import caching, related
from articles.services.permissions import Action, require


def related_pools_refresh(*, everything: bool = False, by=None, progress=None) -> int:
    """
    Compute and store related pools (see `related.refresh_pools`); returns how many. Lists
    readers see may change with new pools, so cached pages are invalidated.
    """
    require(by, Action.PUBLISH)
    count = related.refresh_pools(everything=everything, progress=progress)
    if count:
        # Pools re-weighed can reorder any related list.
        caching.content_changed(keys=["related"])
    return count


def related_pools_refresh_after_import(*, by=None) -> int:
    """
    The stored pools an import left out of date: of the essays it created, moved or retagged
    (marked by the services it called), or every pool when it marked so many that every
    list would read them all (see `related.refresh_pools`). Called by the importer when a
    run ends, so readers' pages are as fast after an import as before it; returns how many
    pools were computed.
    """
    require(by, Action.IMPORT)
    count = related.refresh_pools()
    if count:
        caching.content_changed()
    return count
