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
