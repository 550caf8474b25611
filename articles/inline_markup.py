"""
The light inline formatting editors may use in paragraphs, rendered to safe HTML.

Text is escaped first, so anything that looks like HTML is shown as typed; only these
marks become markup:  *emphasis*  **strong**  [link text](https://example.org/page)
Links must be http(s), mailto or site-relative; any other link is left as typed. A
backslash or a control character anywhere in an address refuses it: browsers read "\" as
"/", so "/\\evil.example" would lead off the site.
"""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

LINK = re.compile(r"\[([^\[\]\n]+)\]\(([^()\s]+)\)")
STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
EMPHASIS = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
ALLOWED_LINK = re.compile(r"^(https?://[^\s]+|mailto:[^\s]+|/[^/\s][^\s]*|/)$", re.IGNORECASE)
# Characters browsers drop or turn into "/" before they read an address.
BROWSER_NORMALISED = re.compile(r"[\\\x00-\x1f\x7f]")
PLACEHOLDER = "\x00{}\x00"


def _emphasise(escaped):
    escaped = STRONG.sub(r"<strong>\1</strong>", escaped)
    return EMPHASIS.sub(r"<em>\1</em>", escaped)


def render_inline(text):
    """Escaped HTML for one paragraph, with the allowed inline marks applied."""
    text = str(text).replace("\x00", "")
    links = []

    def keep_link(match):
        label, url = match.group(1), match.group(2)
        if not ALLOWED_LINK.match(url) or BROWSER_NORMALISED.search(url):
            return match.group(0)
        links.append((label, url))
        return PLACEHOLDER.format(len(links) - 1)

    text = LINK.sub(keep_link, text)
    html = _emphasise(escape(text))
    for number, (label, url) in enumerate(links):
        anchor = f'<a href="{escape(url)}">{_emphasise(escape(label))}</a>'
        html = html.replace(PLACEHOLDER.format(number), anchor)
    # Every editor-typed character above went through escape(); only our tags are raw.
    return mark_safe(html)  # noqa: S308 (see above: every typed character is escaped)


def plain_text(text):
    """The paragraph as a reader would read it aloud: marks removed, links as their labels."""
    text = LINK.sub(lambda m: m.group(1), str(text))
    text = STRONG.sub(r"\1", text)
    return EMPHASIS.sub(r"\1", text)
