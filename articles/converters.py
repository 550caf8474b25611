"""URL converters shared by the site's and the feeds' URLs."""

from django.urls import register_converter


class TagSlugConverter:
    """A tag's address keeps letters beyond ASCII ("ciné-club"), which <slug:> refuses."""

    regex = r"[-\w]+"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TagSlugConverter, "tagslug")
