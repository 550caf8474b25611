"""The matching passage as safe HTML: the editor's text escaped, the matches in `<mark>`."""

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from articles.search.query import FOLD_FROM, FOLD_TO

# Private-use characters the databases put around matches: no editor types them, and
# they pass through escaping untouched, unlike any marker made of markup characters.
START, STOP = "\ue000", "\ue001"
ELLIPSIS = "…"
# How passages are compared with the original, and what PostgreSQL highlights: folded, and
# with angle brackets as look-alikes, or its parser would take `<b>` for markup and drop it.
PASSAGE_TABLE = str.maketrans(FOLD_FROM + "<>", FOLD_TO + "\u2039\u203a")


def passage(marked: str, original: str) -> SafeString | None:
    """
    `marked` is a stretch of `original` (or of it as PASSAGE_TABLE translates it, which is
    what PostgreSQL highlights) with START/STOP around matches. Returns that stretch of the
    original, escaped, with the matches in `<mark>`, or None when nothing in it matched.
    """
    if START not in marked or marked.count(START) != marked.count(STOP):
        return None
    plain = marked.replace(START, "").replace(STOP, "").strip(ELLIPSIS)
    at = original.translate(PASSAGE_TABLE).find(plain.translate(PASSAGE_TABLE))
    if at >= 0:
        # Put the markers back into the original's own characters, offset for offset.
        text, pieces, position = original[at : at + len(plain)], [], 0
        for char in marked.strip(ELLIPSIS):
            if char in (START, STOP):
                pieces.append(char)
            else:
                pieces.append(text[position])
                position += 1
        marked = "".join(pieces)
        before, after = at > 0, at + len(plain) < len(original)
    else:  # the entry changed between the two queries: show what the database sent
        before, after = marked.startswith(ELLIPSIS), marked.endswith(ELLIPSIS)
        marked = marked.strip(ELLIPSIS)
    marked = (ELLIPSIS if before else "") + " ".join(marked.split()) + (ELLIPSIS if after else "")
    pieces = re.split(f"({START}[^{STOP}]*{STOP})", marked)
    return format_html_join(
        "",
        "{}",
        (
            (format_html("<mark>{}</mark>", piece[1:-1]) if piece.startswith(START) else piece,)
            for piece in pieces
            if piece
        ),
    )
