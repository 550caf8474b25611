"""The search index rebuilt whole: after an upgrade, a restore, or a change of its rules."""

from articles import search
from articles.services.permissions import Action, require


def search_index_rebuild(*, by=None, progress=None) -> int:
    """
    Index every essay again from its stored text; returns how many. The services keep the
    index current as essays change, so this is for data that came in another way.
    """
    require(by, Action.PUBLISH)
    return search.index_all(progress=progress)
