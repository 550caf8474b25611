"""
The audit log: every workflow step on every essay, site-wide, read-only. Editors filter it
by action, by the person who acted and by essay (`?article__id__exact=<pk>`, the address
other admin pages link to). Only the workflow services write entries; nobody edits them.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from articles.admin.selection import CheckedSelectionMixin
from articles.models import Article, AuditEntry

VIEW_PERMISSION = "articles.view_auditentry"
ESSAY_LOOKUP = "article__id__exact"
COMMENT_CHARS = 80


@admin.register(AuditEntry)
class AuditEntryAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    list_display = ["at", "action", "essay", "by", "transition", "short_comment"]
    list_display_links = ["at"]
    list_filter = [
        "action",
        ("actor", admin.RelatedOnlyFieldListFilter),
        ("at", admin.DateFieldListFilter),
    ]
    search_fields = ["article_title", "comment"]
    search_help_text = "Search the essay titles and comments."
    date_hierarchy = "at"
    list_select_related = ["actor", "article"]
    list_per_page = 50
    show_full_result_count = False  # a second COUNT(*) over a long log buys nothing
    fields = [
        "at", "action", "article", "article_title", "actor", "from_status", "to_status",
        "published_at", "comment",
    ]  # fmt: skip

    # Entries are history: no one, superusers included, adds, edits or deletes them here.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(VIEW_PERMISSION)

    def lookup_allowed(self, lookup, value, request):
        # Links from an essay's page narrow the log to that essay.
        return lookup == ESSAY_LOOKUP or super().lookup_allowed(lookup, value, request)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {})}
        title = self.filtered_essay_title(request)
        if title is not None:
            extra_context.setdefault("subtitle", f"Essay: “{title}”")
        return super().changelist_view(request, extra_context=extra_context)

    def filtered_essay_title(self, request):
        """The title of the essay the log is narrowed to, if it is narrowed to one."""
        try:
            pk = int(request.GET.get(ESSAY_LOOKUP, ""))
        except ValueError:
            return None
        title = Article.objects.filter(pk=pk).values_list("title", flat=True).first()
        if title is None:
            title = (
                AuditEntry.objects.filter(article_id=pk)
                .values_list("article_title", flat=True)
                .first()
            )
        return title

    @admin.display(description="essay", ordering="article_title")
    def essay(self, entry):
        if entry.article_id is None:
            return entry.article_title
        url = reverse("admin:articles_article_change", args=[entry.article_id])
        if entry.article.title != entry.article_title:
            return format_html(
                '<a href="{}">{}</a> (now “{}”)', url, entry.article_title, entry.article.title
            )
        return format_html('<a href="{}">{}</a>', url, entry.article_title)

    @admin.display(description="by", ordering="actor__username")
    def by(self, entry):
        return entry.actor or "system"

    @admin.display(description="from → to")
    def transition(self, entry):
        if not entry.from_status and not entry.to_status:
            return ""
        if entry.from_status == entry.to_status:
            return entry.to_label
        return f"{entry.from_label or '—'} → {entry.to_label or '—'}"

    @admin.display(description="comment")
    def short_comment(self, entry):
        return Truncator(entry.comment).chars(COMMENT_CHARS)
