from django.db import models
from django.db.models import F, Q


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
        db_index=False,  # relatedlink_target_date starts with it
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
        indexes = [
            # Serves lookups by target, and imports' lookups of the references still waiting
            # for an essay of a given date (target null): without the date they would scan
            # every unresolved link, more at each import.
            models.Index(fields=["target", "reference_date"], name="relatedlink_target_date")
        ]

    def __str__(self):
        if self.target_id:
            return f"→ {self.target}"
        return f"→ (unresolved) {self.reference_summary[:60]}"

    @property
    def is_resolved(self):
        return self.target_id is not None


class RelatedCandidate(models.Model):
    """
    One essay in another's stored pool of computed "Related Articles" candidates (see
    articles/related.py). Pools hold published and scheduled essays; lists filter them by
    `published()` and score them when read, so a scheduled essay appears when its time comes
    without anything being recomputed.
    """

    pk = models.CompositePrimaryKey("article", "candidate")
    # The primary key's first column already indexes `article`.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    candidate = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="candidate_for"
    )
    # The candidate's score for the essay and its date, as the pool ranked it: a list walks
    # the pool in this order and stops once it has enough, reading a handful of essays
    # rather than the whole pool. Essays changed since are scored afresh, never from here.
    score = models.IntegerField(default=0)
    published_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [
            models.Index(
                F("article"),
                F("score").desc(),
                F("published_at").desc(),  # pools hold dated essays only
                F("candidate").desc(),
                name="related_pool_ranked",
            )
        ]

    def __str__(self):
        return f"{self.article_id} → {self.candidate_id}"


class RelatedState(models.Model):
    """
    When an essay's stored pool was computed, and when the essay last changed in a way that
    moves it in other essays' lists (tags, status, publication date).
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="related_state",
    )
    # Null: no pool yet, or the essay changed since; its list is computed live until the
    # next `manage.py refresh_related`.
    computed_at = models.DateTimeField(null=True)
    # Null: unchanged since pools were last all computed. Pools computed before this time
    # may wrongly hold or miss the essay, so lists score it afresh.
    changed_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [
            # Only the few essays changed since the last full refresh, read on every list.
            models.Index(
                fields=["changed_at"],
                condition=models.Q(changed_at__isnull=False),
                name="related_state_changed",
            )
        ]

    def __str__(self):
        return f"related list of {self.article_id}"
