from django.db import models
from django.db.models import Q


class RelatedLink(models.Model):
    """
    An editor-pinned "Related Articles" entry, shown before the computed ones.

    A link may be unresolved: imported pages name related essays by their summary and
    date only, and the target is filled in once an essay with that standfirst and date
    exists.
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="pinned_links"
    )
    position = models.PositiveIntegerField(default=0)
    target = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="pinned_by",
        help_text="The essay to recommend.",
    )
    reference_summary = models.TextField(
        blank=True, help_text="For imported links not yet matched: the related essay's summary."
    )
    reference_date = models.DateField(
        null=True, blank=True, help_text="For imported links not yet matched: its date."
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "target"],
                condition=Q(target__isnull=False),
                name="unique_pinned_target",
            ),
            models.CheckConstraint(
                condition=~Q(target=models.F("article")), name="pinned_link_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=False) | ~Q(reference_summary=""),
                name="pinned_link_has_target_or_reference",
            ),
        ]

    def __str__(self):
        if self.target_id:
            return f"→ {self.target}"
        return f"→ (unresolved) {self.reference_summary[:60]}"

    @property
    def is_resolved(self):
        return self.target_id is not None
