"""
The embedded default's cache on disk: shared by every worker process, bounded in size, and
cheap to write to however full it is (it looks at its size only every so many writes).
"""

from pathlib import Path

import pytest

from filmculture.file_cache import SharedFileCache


@pytest.fixture
def cache(tmp_path):
    options = {"MAX_ENTRIES": 20, "CULL_EVERY": 5, "CULL_FREQUENCY": 2, "REMEMBER_PREFIX": "pa",
               "HELD_KEYS": ["state"]}  # fmt: skip
    return SharedFileCache(str(tmp_path), {"OPTIONS": options})


def files(cache):
    return len(list(Path(cache._dir).glob("*.djcache")))


def test_what_one_process_writes_another_reads(tmp_path, cache):
    cache.set("page", b"<p>hello</p>", timeout=60)
    other_worker = SharedFileCache(str(tmp_path), {})

    assert other_worker.get("page") == b"<p>hello</p>"


def test_entries_written_by_djangos_file_cache_and_by_this_one_read_back_in_both(tmp_path):
    from django.core.cache.backends.filebased import FileBasedCache

    ours, djangos = SharedFileCache(str(tmp_path), {}), FileBasedCache(str(tmp_path), {})
    page = b"<p>A long take, and then another.</p>" * 500
    ours.set("ours", page, timeout=60)
    djangos.set("djangos", page, timeout=60)

    assert ours.get("djangos") == djangos.get("ours") == page
    # Stored as written, not deflated: no compressing on a miss or inflating on a hit.
    assert Path(ours._key_to_file("ours")).stat().st_size > len(page)


def test_it_stays_within_its_size_give_or_take_the_writes_between_two_looks(cache):
    for n in range(200):
        cache.set(f"key-{n}", n, timeout=60)
        assert files(cache) <= 20 + 5

    assert cache.get("key-199") == 199


def test_it_does_not_look_at_its_size_on_every_write(cache, monkeypatch):
    looks = []
    monkeypatch.setattr(cache, "_list_cache_files", lambda: looks.append(1) or [])
    for n in range(50):
        cache.set(f"key-{n}", n, timeout=60)

    assert len(looks) == 10


def test_a_page_another_process_replaces_or_removes_is_seen_at_once(tmp_path, cache):
    other_worker = SharedFileCache(str(tmp_path), {})
    cache.set("page", {"generation": 1}, timeout=None)
    assert cache.get("page") == {"generation": 1}  # now remembered by this process

    other_worker.set("page", {"generation": 2}, timeout=None)
    assert cache.get("page") == {"generation": 2}

    other_worker.delete("page")
    assert cache.get("page") is None


def test_only_keys_with_the_prefix_are_remembered(cache, monkeypatch):
    cache.set("version", 1, timeout=None)
    cache.get("version")
    monkeypatch.setattr("builtins.open", None)

    with pytest.raises(TypeError):  # read from its file again
        cache.get("version")


def test_a_held_key_rewritten_by_another_process_is_seen_every_time(tmp_path, cache):
    # Same size, well within one tick of the file system's clock: what a file's time and
    # size cannot tell apart, its inode (held open, so never reused) can.
    other_worker = SharedFileCache(str(tmp_path), {})
    for generation in range(200):
        other_worker.set("state", {"gen": f"{generation:04}"}, timeout=None)
        assert cache.get("state") == {"gen": f"{generation:04}"}

    other_worker.delete("state")
    assert cache.get("state") is None
    other_worker.set("state", {"gen": "back"}, timeout=None)
    assert cache.get("state") == {"gen": "back"}


def test_an_unchanged_held_key_is_read_without_opening_its_file(cache, monkeypatch):
    cache.set("state", {"gen": "a"}, timeout=None)
    cache.get("state")
    monkeypatch.setattr("os.open", None)
    monkeypatch.setattr("builtins.open", None)

    assert cache.get("state") == {"gen": "a"}
    assert cache.get("state") is not cache.get("state")


def test_a_held_key_keeps_one_file_open_however_often_it_changes(tmp_path, cache):
    def open_files():
        return len(list(Path("/proc/self/fd").iterdir()))

    cache.set("state", 0, timeout=None)
    cache.get("state")
    before = open_files()
    for generation in range(100):
        cache.set("state", generation, timeout=None)
        cache.get("state")

    assert open_files() == before
    cache.clear()
    assert cache.get("state") is None
    assert open_files() == before - 1


def test_the_default_cache_remembers_the_page_caches_pages_and_holds_its_state(settings):
    from articles import caching

    prefix = settings.SHARED_FILE_CACHE["OPTIONS"]["REMEMBER_PREFIX"]
    assert caching.ENTRY_PREFIX.startswith(prefix)
    assert not caching.STATE_KEY.startswith(prefix)
    assert not caching.VERSION_PREFIX.startswith(prefix)
    assert settings.SHARED_FILE_CACHE["OPTIONS"]["HELD_KEYS"] == [caching.STATE_KEY]


def test_a_remembered_value_is_read_again_once_the_file_is_unchanged(cache, monkeypatch):
    cache.set("page", b"<p>hello</p>", timeout=60)
    cache.get("page")
    monkeypatch.setattr("builtins.open", None)  # any opening of a file would fail

    assert cache.get("page") == b"<p>hello</p>"
    assert cache.get("page") is not cache.get("page")  # a fresh copy each time, as Django's


def test_a_remembered_value_that_expired_is_not_read(cache, monkeypatch):
    cache.set("page", b"<p>hello</p>", timeout=60)
    cache.get("page")

    monkeypatch.setattr("time.time", lambda: 2**40)

    assert cache.get("page") is None
    assert files(cache) == 0
