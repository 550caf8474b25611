from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles import caching
from articles.models import Category


def site(request):
    """The publication's name and its sections for the header, queried only if shown."""
    return {
        "site_name": settings.FILMCULTURE["SITE_NAME"],
        "nav_categories": SimpleLazyObject(lambda: _nav_categories(request)),
    }


def _nav_categories(request):
    caching.shows(request, "sections")  # a cached page showing the header changes with them
    return list(Category.objects.only("name", "slug"))
