"""
Where page files come from: paths on disk (the shell) or uploads and zip archives (the
admin). A source is a name for messages and a way to read its bytes when its turn comes,
so a large import never holds more than one file in memory.
"""

import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

PAGE_SUFFIX = ".txt"
MAX_ARCHIVE_BYTES = 50 * 1024 * 1024
MAX_ARCHIVE_ENTRIES = 20_000
WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class PageSource:
    name: str
    read: Callable[[], bytes]
    # Bytes once read, where known beforehand (uploads and archive entries).
    size: int | None = None


class ArchiveError(ValueError):
    """An upload refused as a whole, before anything is imported."""


def sources_from_paths(paths):
    """Files as given, and the .txt files inside folders (recursively, in name order)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            yield from (PageSource(str(file), file.read_bytes) for file in _page_files(path))
        else:
            # A missing path fails when read, and is reported with the other failures.
            yield PageSource(str(path), path.read_bytes)


def count_paths(paths):
    return sum(
        sum(1 for _ in _page_files(Path(given))) if Path(given).is_dir() else 1 for given in paths
    )


def _page_files(folder) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.lower().endswith(PAGE_SUFFIX) and not name.startswith("."):
                yield Path(root) / name


def sources_from_zip(fileobj, *, name, max_bytes=MAX_ARCHIVE_BYTES):
    """
    The .txt entries of a zip archive. The archive is refused as a whole when an entry's
    path is absolute or climbs out with "..", or when its pages add up to more than
    `max_bytes` once uncompressed: such archives are mistakes or attacks, and importing
    part of one would leave the editor guessing what was skipped.
    """
    try:
        archive = zipfile.ZipFile(fileobj)
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise ArchiveError(f"{name} is not a zip archive that can be read.") from None
    if len(entries) > MAX_ARCHIVE_ENTRIES:
        raise ArchiveError(
            f"{name} holds {len(entries)} entries; at most {MAX_ARCHIVE_ENTRIES} are accepted."
        )
    pages, total = [], 0
    for entry in entries:
        path = entry.filename.replace("\\", "/")
        parts = PurePosixPath(path).parts
        if path.startswith("/") or WINDOWS_DRIVE.match(path) or ".." in parts:
            raise ArchiveError(
                f'{name} was refused: the entry "{entry.filename}" has an absolute path or '
                'climbs out of the archive with "..".'
            )
        if entry.is_dir() or not path.lower().endswith(PAGE_SUFFIX):
            continue
        if any(part.startswith(".") or part == "__MACOSX" for part in parts):
            continue  # macOS and editor leftovers, not pages
        total += entry.file_size
        if total > max_bytes:
            raise ArchiveError(
                f"{name} was refused: its pages come to more than {max_bytes // (1024 * 1024)} "
                "MB uncompressed. Split it into smaller archives."
            )
        pages.append(entry)
    return [
        PageSource(f"{name}/{entry.filename}", _entry_reader(archive, entry), entry.file_size)
        for entry in pages
    ]


def _entry_reader(archive, entry):
    def read():
        try:
            with archive.open(entry) as member:
                # Never more than the size the archive declared, whatever the data says.
                return member.read(entry.file_size)
        except (zipfile.BadZipFile, RuntimeError, EOFError, ValueError) as error:
            raise OSError(f"the archive entry is damaged or encrypted ({error})") from None

    return read
