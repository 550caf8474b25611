from django.conf import settings
from django.db import models
from django.urls import reverse


class AuditAction(models.TextChoices):
    CREATE = "create", "Created"
    SUBMIT = "submit", "Submitted for review"
    SEND_BACK = "send_back", "Sent back"
    PUBLISH = "publish", "Published"
    SCHEDULE = "schedule", "Scheduled"
    UNPUBLISH = "unpublish", "Unpublished"
    REASSIGN = "reassign", "Reassigned"
    DELETE = "delete", "Deleted"


class AuditEntry(models.Model):
    """
    One step in an essay's life: who did what, when, from which status to which, and why.
    Written only by the workflow services; kept when the essay itself is deleted.
    """

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_entries",
    )
    # The title at the time, so entries stay readable after the essay is deleted.
    article_title = models.CharField("essay", max_length=255)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="by",
    )
    at = models.DateTimeField("when", db_index=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices, db_index=True)
    from_status = models.CharField("from", max_length=20, blank=True)
    to_status = models.CharField("to", max_length=20, blank=True)
    comment = models.TextField(blank=True)
    # For publishing and scheduling: the time readers see the essay from.
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["article", "-at"], name="audit_article_at")]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"

    def __str__(self):
        who = self.actor or "system"
        return f"{self.get_action_display()}: “{self.article_title}” by {who}"

    def get_absolute_url(self):
        if self.article_id is None:
            return None
        return reverse("admin:articles_article_change", args=[self.article_id])

    @property
    def from_label(self):
        return _status_label(self.from_status)

    @property
    def to_label(self):
        return _status_label(self.to_status)


def _status_label(value):
    from articles.models.article import ArticleStatus

    return ArticleStatus(value).label if value in ArticleStatus.values else value
