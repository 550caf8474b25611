"""Essay pages' stored parts (`articles.rendering`), re-rendered for a change of settings."""

from articles import caching, rendering
from articles.models import Article
from articles.services.permissions import Action, require
from articles.services.transactions import writing


def renderings_refresh(*, by=None, only_outdated: bool = False) -> int:
    """
    Render and store every essay's page parts again (after changing the ad settings, or a
    template they come from); with `only_outdated`, only those missing or made with other
    settings. Returns how many. Pages show the new parts at once.
    """
    require(by, Action.PUBLISH)
    essays = Article.objects.order_by("pk")
    if only_outdated:
        essays = essays.exclude(rendering__layout=rendering.layout())
    ids = list(essays.values_list("pk", flat=True))
    with writing():
        count = rendering.essays_render(ids)
        if count:
            caching.content_changed()
    return count
