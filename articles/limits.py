"""
How long an essay's texts may be (docs/uploads.md). The admin's forms check them to show
the error beside the field; `services.article_save` checks them again, so the importer and
the commands meet the same caps. A 50 MB paragraph would otherwise be stored, and every
reader of its page would wait for it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError

# field -> (what it is called in a message, where its cap comes from)
_FIELDS = {
    "title": ("The title", 255),  # the column's own length
    "standfirst": ("The standfirst", "MAX_STANDFIRST_CHARS"),
    "heading": ("The heading", 300),  # the column's own length
    "body": ("The text", "MAX_SECTION_CHARS"),
}


class TooLong(ValidationError):
    """A text past its cap; `field` and (for a section) `section`, counted from 0, say where."""

    def __init__(self, message, *, field, section=None):
        super().__init__(message, code="too_long")
        self.field = field
        self.section = section


def limit_for(field):
    cap = _FIELDS[field][1]
    return settings.FILMCULTURE[cap] if isinstance(cap, str) else cap


def checked_length(field, text, *, section=None):
    """`text` if it fits its field's cap; otherwise TooLong, saying by how much."""
    length = len(text.replace("\r\n", "\n"))
    limit = limit_for(field)
    if length <= limit:
        return text
    what = _FIELDS[field][0]
    if section is not None:
        what = f"{what} of section {section + 1}"
    raise TooLong(
        f"{what} is {length:,} characters long; at most {limit:,} are accepted. "
        + ("Split it into several sections." if field == "body" else "Shorten it."),
        field=field,
        section=section,
    )


def check_essay(*, title, standfirst, sections=None):
    """The caps for a whole essay; `sections` are (heading, body) pairs or None."""
    checked_length("title", title)
    checked_length("standfirst", standfirst)
    for index, (heading, body) in enumerate(sections or ()):
        checked_length("heading", heading, section=index)
        checked_length("body", body, section=index)
