"""
Autosave slots: what someone has typed in an essay's form, kept as they type, one slot per
person and essay (and one per person for a new essay). Not revisions: readers never see
them, they publish nothing and they never make a form stale.
"""

import json

from django.db import transaction
from django.utils import timezone

from articles.models import Article, Autosave
from articles.services.permissions import Action, require

# Below Django's DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB), so that a form too large to keep is
# answered with a message the editor reads rather than a bare "Bad request".
MAX_BYTES = 2 * 1024 * 1024


class AutosaveTooLarge(ValueError):
    pass


def autosave_size(data: dict) -> int:
    return len(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())


@transaction.atomic
def autosave_store(
    *, user, article: Article | None, data: dict, base_version: int | None
) -> Autosave:
    """
    Keep `data` (the form's fields, {name: [values]}) in `user`'s slot for `article` (None:
    their new, unsaved essay), replacing what the slot held. The essay itself, its version
    and its revisions are left alone.
    """
    if article is None:
        require(user, Action.CREATE)
    else:
        require(user, Action.EDIT, article)
    size = autosave_size(data)
    if size > MAX_BYTES:
        raise AutosaveTooLarge(
            f"The form is too large to autosave ({size // 1024:,} KB; the limit is "
            f"{MAX_BYTES // 1024:,} KB). Save the essay to keep your changes."
        )
    slot, _ = Autosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={"data": data, "base_version": base_version, "saved_at": timezone.now()},
    )
    return slot


def autosave_for(*, user, article: Article | None) -> Autosave | None:
    """`user`'s slot for `article` (None: their new, unsaved essay), if they have one."""
    return Autosave.objects.filter(user=user, article=article).first()


def autosave_discard(*, user, article) -> int:
    """Empty `user`'s slot for `article` (None: their new, unsaved essay); returns how many."""
    deleted, _ = Autosave.objects.filter(user=user, article=article).delete()
    return deleted
