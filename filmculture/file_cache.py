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
"""

import pickle
import zlib

from django.core.cache.backends.filebased import FileBasedCache


class SharedFileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self.cull_every = int(params.get("OPTIONS", {}).get("CULL_EVERY", 500))
        self._writes_since_cull = 0

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
