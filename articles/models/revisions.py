import json
import zlib

from django.conf import settings
from django.db import models
from django.db.models import Q

from articles.models.workflow import AuditAction


class Revision(models.Model):
    """
    The whole essay as one save left it: fields, sections in order, tags, authors, pinned
    related links and the lead image's reference, as compressed JSON (see
    `services.revisions.snapshot`). Written by the services on every save; restoring one
    saves it again, as a new revision.
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="saved by",
    )
    comment = models.CharField(max_length=300, blank=True)
    # The newest workflow step taken on this revision (submitted, published ...), if any.
    transition = models.CharField(max_length=20, blank=True, choices=AuditAction.choices)
    content = models.BinaryField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")
        ]

    def __str__(self):
        return f"Revision {self.number} of essay {self.article_id}"

    @property
    def size(self):
        return len(self.content)

    def snapshot(self):
        return json.loads(zlib.decompress(bytes(self.content)))

    @staticmethod
    def pack(snapshot):
        text = json.dumps(snapshot, ensure_ascii=False, separators=(",", ":"))
        # The fastest level: an import stores a revision per page, and level 6 took a
        # quarter of a revision's cost for a tenth less space (docs/revisions.md).
        return zlib.compress(text.encode(), level=1)


class Autosave(models.Model):
    """
    What someone had typed in an essay's form, saved as they type: one slot per person and
    essay (and one per person for a new essay not yet saved). Not a revision, never seen
    by readers; offered back when they open the essay again.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
    )
    # The form's fields as posted: {name: [values]}.
    data = models.JSONField()
    # The essay's version the form was loaded from.
    base_version = models.PositiveIntegerField(null=True, blank=True)
    saved_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "article"],
                condition=Q(article__isnull=False),
                name="one_autosave_per_user_and_essay",
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(article__isnull=True),
                name="one_new_essay_autosave_per_user",
            ),
        ]

    def __str__(self):
        return f"Autosave of {self.article_id or 'a new essay'} for {self.user_id}"


class PreviewLink(models.Model):
    """
    A signed, expiring address at which someone without an account may read an essay as it
    stands (a draft included). Editors may revoke it before it expires.
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="preview_links"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Preview link {self.pk} for essay {self.article_id}"
