"""
Autosave slots: what someone has typed in an essay's form, kept as they type, one slot per
person and essay (and one per person for a new essay). Not revisions: readers never see
them, they publish nothing and they never make a form stale.
"""

from articles.models import Autosave


def autosave_discard(*, user, article) -> int:
    """Empty `user`'s slot for `article` (None: their new, unsaved essay); returns how many."""
    deleted, _ = Autosave.objects.filter(user=user, article=article).delete()
    return deleted
