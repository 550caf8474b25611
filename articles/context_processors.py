from django.conf import settings


def site(request):
    """The publication's name, on every page."""
    return {"site_name": settings.FILMCULTURE["SITE_NAME"]}
