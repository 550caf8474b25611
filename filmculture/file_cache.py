"""
The embedded default's shared cache: Django's file-based cache, which every worker process
of the machine reads and writes, with room made less often.

Django's `FileBasedCache` lists its whole folder on every write to decide whether to make
room, so a write costs more the fuller the cache is: with a few thousand pages cached, a
page-cache miss spent more time listing files than rendering (docs/caching.md). Here each
process looks only every `CULL_EVERY` writes (an option); between looks the cache may hold
up to that many entries per process over `MAX_ENTRIES`. Room is made as Django does: a
random share of the entries goes. That is safe for the page cache: a lost version or state
makes the pages built under it miss, never serve stale (articles/caching.py).

Entries are written without compression. Django deflates each one at level 6: a quarter of
a millisecond for an essay page on every miss, and a few hundredths on every hit to
inflate it again, to save disk space the embedded default has plenty of. They are still
zlib streams (stored, not deflated), so entries written either way read back either way.

Reads of keys starting with `REMEMBER_PREFIX` (an option; the page cache's pages) remember,
per process, the last `REMEMBERED` values read, each with its file's identity (inode,
modification time, size). Every read still asks the file system first: an unchanged file is
unpickled from memory instead of opened and read, and a write or removal by any process is
seen at once. File times are coarse, though, and inodes are reused: a key rewritten three
times within one tick of the file system's clock could look unchanged. That is why only
pages are remembered: the page cache checks every page against the state and versions it
reads afresh on each hit (articles/caching.py), so an older copy of a page is served only
while it is still current. A page-cache hit's page read costs a third of what it did.

Keys listed in `HELD_KEYS` (an option; the page cache's state, read on every request) are
remembered with their file held open. A write replaces a file by renaming a new one over
it, never in place, and while this process holds the old file open its inode cannot be
given to another: so a file at that name with the same inode is the file read, unchanged,
for certain. One `stat` answers such a read, where opening and reading took seven calls.
"""

import os
import pickle
import time
import zlib
from collections import OrderedDict
from dataclasses import dataclass

from django.core.cache.backends.filebased import FileBasedCache


class SharedFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        options = params.get("OPTIONS", {})
        self.cull_every = int(options.get("CULL_EVERY", 500))
        self.remembered = int(options.get("REMEMBERED", 256))
        self.remember_prefix = options.get("REMEMBER_PREFIX")
        self.held_keys = frozenset(options.get("HELD_KEYS", ()))
        self._writes_since_cull = 0
        # file name -> (identity, expiry, pickled value); most recently read last.
        self._memory = OrderedDict()
        # file name -> _Held
        self._held = {}

    def get(self, key, default=None, version=None):
        if key in self.held_keys:
            return self._get_held(key, default, version)
        if not (self.remember_prefix and key.startswith(self.remember_prefix)):
            return super().get(key, default, version)
        name = self._key_to_file(key, version)
        try:
            identity = _identity(os.stat(name))
        except FileNotFoundError:
            self._memory.pop(name, None)
            return default
        remembered = self._memory.get(name)
        if remembered is not None and remembered[0] == identity and _fresh(remembered[1]):
            self._memory.move_to_end(name)
            return pickle.loads(remembered[2])  # noqa: S301  (as Django's: the server's own files)
        try:
            with open(name, "rb") as file:
                identity = _identity(os.fstat(file.fileno()))
                expiry, value = _read_entry(file)
        except FileNotFoundError:
            self._memory.pop(name, None)
            return default
        if value is None:
            self._delete(name)
            self._memory.pop(name, None)
            return default
        if self.remembered:
            self._memory[name] = (identity, expiry, value)
            self._memory.move_to_end(name)
            while len(self._memory) > self.remembered:
                self._memory.popitem(last=False)
        return pickle.loads(value)  # noqa: S301

    def _get_held(self, key, default, version):
        name = self._key_to_file(key, version)
        held = self._held.get(name)
        try:
            stat = os.stat(name)
        except FileNotFoundError:
            self._let_go(name)
            return default
        same = held is not None and (held.inode, held.device) == (stat.st_ino, stat.st_dev)
        if same and _fresh(held.expiry):
            return pickle.loads(held.value)  # noqa: S301
        self._let_go(name)
        try:
            descriptor = os.open(name, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return default
        try:
            with open(descriptor, "rb", closefd=False) as file:
                expiry, value = _read_entry(file)
            stat = os.fstat(descriptor)
        except BaseException:
            os.close(descriptor)
            raise
        if value is None:
            os.close(descriptor)
            self._delete(name)
            return default
        self._held[name] = _Held(descriptor, stat.st_ino, stat.st_dev, expiry, value)
        return pickle.loads(value)  # noqa: S301

    def _let_go(self, name):
        held = self._held.pop(name, None)
        if held is not None:
            os.close(held.descriptor)

    def __del__(self):
        for name in list(getattr(self, "_held", ())):
            self._let_go(name)

    def _cull(self):
        self._writes_since_cull += 1
        if self._writes_since_cull < self.cull_every:
            return
        self._writes_since_cull = 0
        super()._cull()

    def _write_content(self, file, timeout, value):
        expiry = self.get_backend_timeout(timeout)
        file.write(pickle.dumps(expiry, self.pickle_protocol))
        file.write(zlib.compress(pickle.dumps(value, self.pickle_protocol), level=0))


@dataclass(frozen=True)
class _Held:
    descriptor: int
    inode: int
    device: int
    expiry: float | None
    value: bytes


def _read_entry(file):
    """(expiry, pickled value) of an entry file, the value None once it has expired."""
    try:
        expiry = pickle.load(file)  # noqa: S301  (as Django's: the server's own files)
    except EOFError:
        expiry = 0  # an empty file has expired, as Django has it
    return expiry, zlib.decompress(file.read()) if _fresh(expiry) else None


def _identity(stat):
    return (stat.st_ino, stat.st_mtime_ns, stat.st_size)


def _fresh(expiry):
    return expiry is None or expiry >= time.time()
