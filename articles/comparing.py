"""
Two revisions of an essay side by side, as a reader of the changes would want them: the
title and standfirst with their words inserted and deleted, each section matched to its
counterpart (by heading where it kept one, else by position) and marked added, removed,
moved or changed, and the tags, authors and pinned essays added or removed.

Pure functions over `services.revisions.snapshot()` dicts; templates escape the text.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

# Words with the spaces after them, so that joining the pieces gives the text back.
TOKEN = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class Piece:
    """A run of text: "same", "inserted" or "deleted"."""

    kind: str
    text: str


@dataclass(frozen=True)
class TextChange:
    pieces: tuple[Piece, ...]

    @property
    def changed(self):
        return any(piece.kind != "same" for piece in self.pieces)


@dataclass(frozen=True)
class SectionChange:
    kind: str  # "same", "changed", "added", "removed"
    old_position: int | None
    new_position: int | None
    heading: TextChange
    body: TextChange

    @property
    def moved(self):
        return (
            self.old_position is not None
            and self.new_position is not None
            and self.old_position != self.new_position
        )


@dataclass(frozen=True)
class SetChange:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()

    @property
    def changed(self):
        return bool(self.added or self.removed)


@dataclass(frozen=True)
class EssayComparison:
    title: TextChange
    standfirst: TextChange
    sections: tuple[SectionChange, ...]
    tags: SetChange
    authors: SetChange
    pins: SetChange
    fields: tuple[tuple[str, str, str], ...] = field(default=())  # (label, old, new)

    @property
    def changed(self):
        return (
            self.title.changed
            or self.standfirst.changed
            or any(s.kind != "same" or s.moved for s in self.sections)
            or self.tags.changed
            or self.authors.changed
            or self.pins.changed
            or bool(self.fields)
        )


def compare_text(old: str, new: str) -> TextChange:
    """Word by word: what stayed, what went, what came."""
    old_words, new_words = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    # Compare the words without their trailing spaces, so a re-wrapped line is no change.
    matcher = SequenceMatcher(
        None, [w.strip() for w in old_words], [w.strip() for w in new_words], autojunk=False
    )
    pieces = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(Piece("same", "".join(new_words[j1:j2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(Piece("deleted", "".join(old_words[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(Piece("inserted", "".join(new_words[j1:j2])))
    return TextChange(tuple(_merged(pieces)))


def _merged(pieces):
    merged = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].kind == piece.kind:
            merged[-1] = Piece(piece.kind, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def match_sections(old: list[dict], new: list[dict]) -> list[tuple[int | None, int | None]]:
    """
    Pairs of (old index, new index), None where a section has no counterpart. Sections
    keeping a heading are paired by it first (so a moved section is found where it went);
    the others are paired by position among those left.
    """
    pairs, used_old, used_new = {}, set(), set()
    by_heading = {}
    for i, section in enumerate(old):
        key = _heading_key(section)
        if key:
            by_heading.setdefault(key, []).append(i)
    for j, section in enumerate(new):
        key = _heading_key(section)
        if key and by_heading.get(key):
            i = by_heading[key].pop(0)
            pairs[j] = i
            used_old.add(i)
            used_new.add(j)
    left_old = [i for i in range(len(old)) if i not in used_old]
    left_new = [j for j in range(len(new)) if j not in used_new]
    for i, j in zip(left_old, left_new, strict=False):
        # An unheaded section pairs with another by position; a heading that changed pairs
        # with the section that now stands where it stood.
        pairs[j] = i
        used_old.add(i)
    result = [(pairs.get(j), j) for j in range(len(new))]
    removed = [(i, None) for i in range(len(old)) if i not in used_old]
    # Removed sections are listed where they stood.
    for i, none in removed:
        at = next((k for k, (o, _) in enumerate(result) if o is not None and o > i), len(result))
        result.insert(at, (i, none))
    return result


def _heading_key(section):
    return " ".join(section.get("heading", "").split()).casefold()


def compare_sections(old: list[dict], new: list[dict]) -> tuple[SectionChange, ...]:
    changes = []
    for i, j in match_sections(old, new):
        before = old[i] if i is not None else {"heading": "", "body": ""}
        after = new[j] if j is not None else {"heading": "", "body": ""}
        heading = compare_text(before["heading"], after["heading"])
        body = compare_text(before["body"], after["body"])
        if i is None:
            kind = "added"
        elif j is None:
            kind = "removed"
        else:
            kind = "changed" if heading.changed or body.changed else "same"
        changes.append(
            SectionChange(
                kind=kind,
                old_position=None if i is None else i + 1,
                new_position=None if j is None else j + 1,
                heading=heading,
                body=body,
            )
        )
    return tuple(changes)


def compare_sets(old, new) -> SetChange:
    old, new = list(dict.fromkeys(old)), list(dict.fromkeys(new))
    return SetChange(
        added=tuple(x for x in new if x not in old),
        removed=tuple(x for x in old if x not in new),
        kept=tuple(x for x in new if x in old),
    )


FIELD_LABELS = {
    "category": "Section",
    "slug": "Address (slug)",
    "lead_image": "Lead image",
}


def compare(old: dict, new: dict, *, pin_titles=None) -> EssayComparison:
    """`pin_titles` names pinned essays by id (their current titles)."""
    pin_titles = pin_titles or {}

    def pin_name(pin):
        if pin["target"] is not None:
            return pin_titles.get(pin["target"], f"Essay #{pin['target']}")
        return f"{pin['summary']} ({pin['date'] or 'no date'}, not yet matched)"

    fields = []
    for key, label in FIELD_LABELS.items():
        before, after = _field_text(key, old.get(key)), _field_text(key, new.get(key))
        if before != after:
            fields.append((label, before, after))
    return EssayComparison(
        title=compare_text(old["title"], new["title"]),
        standfirst=compare_text(old["standfirst"], new["standfirst"]),
        sections=compare_sections(old["sections"], new["sections"]),
        tags=compare_sets(old["tags"], new["tags"]),
        authors=compare_sets(
            [a["name"] for a in old["authors"]], [a["name"] for a in new["authors"]]
        ),
        pins=compare_sets([pin_name(p) for p in old["pins"]], [pin_name(p) for p in new["pins"]]),
        fields=tuple(fields),
    )


def _field_text(key, value):
    if key == "category":
        return value["name"] if value else "none"
    if key == "lead_image":
        value = value or {}
        return (
            " · ".join(x for x in (value.get("name"), value.get("alt"), value.get("credit")) if x)
            or "none"
        )
    return value or ""
