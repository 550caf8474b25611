from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, Max, When
from django.forms.models import BaseInlineFormSet
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from taggit.forms import TagWidget

from articles import caching, services
from articles.models import Article, ArticleStatus, RelatedLink, Section, Tag


class TagAutocompleteWidget(TagWidget):
    """Taggit's comma-separated field, suggesting existing tags as the editor types."""

    class Media:
        js = ["articles/admin/tag_autocomplete.js"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.attrs.update({"class": "vTextField tag-autocomplete", "autocomplete": "off"})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-autocomplete-url"] = reverse(
            "admin:articles_article_tag_autocomplete"
        )
        return context


class ArticleAdminForm(forms.ModelForm):
    class Meta:
        model = Article
        fields = [
            "title", "slug", "standfirst", "status", "published_at", "category", "authors",
            "tags", "lead_image", "lead_image_alt", "lead_image_credit",
        ]  # fmt: skip
        widgets = {
            "tags": TagAutocompleteWidget,
            "standfirst": forms.Textarea(attrs={"rows": 3}),
        }

    # The admin sets this to the editor saving the form.
    editor = None

    def clean(self):
        cleaned = super().clean()
        original = self.instance if self.instance.pk else None
        candidate = Article(
            status=cleaned.get("status", ArticleStatus.DRAFT),
            published_at=cleaned.get("published_at"),
        )
        changes_publication = services.publishing_would_change(
            article=candidate,
            original_status=original.status if original else ArticleStatus.DRAFT,
            original_published_at=original.published_at if original else None,
        )
        if changes_publication and not services.user_can_publish(self.editor):
            field = "status" if "status" in self.changed_data or not original else "published_at"
            self.add_error(
                field,
                "You may save drafts, but publishing, scheduling or unpublishing needs an "
                "editor with the publish permission.",
            )
        return cleaned


class SectionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not kept:
            raise ValidationError("An essay needs at least one section with text.")


class SectionInline(admin.StackedInline):
    model = Section
    formset = SectionFormSet
    extra = 0
    min_num = 1
    fields = ["position", "heading", "body"]
    classes = ["sortable-sections"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "body":
            field.widget.attrs.update({"rows": 12, "class": "vLargeTextField section-body"})
        if db_field.name == "position":
            field.widget.attrs.update({"class": "section-position", "style": "width: 4em"})
            field.help_text = "Order in the essay; use the arrows or type numbers."
        return field


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "article"
    extra = 0
    fields = ["position", "target", "reference_summary", "reference_date"]
    autocomplete_fields = ["target"]
    verbose_name = "pinned related essay"
    verbose_name_plural = "Pinned related essays (shown first, in this order)"


class PublicationStateFilter(admin.SimpleListFilter):
    title = "publication"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("published", "Published"), ("scheduled", "Scheduled"), ("draft", "Draft")]

    def queryset(self, request, queryset):
        return {
            "published": queryset.published,
            "scheduled": queryset.scheduled,
            "draft": queryset.drafts,
        }.get(self.value(), queryset.all)()


class TagFilter(admin.SimpleListFilter):
    """The most used tags; the full list of thousands would drown the sidebar."""

    title = "tag"
    parameter_name = "tag"
    shown = 25

    def lookups(self, request, model_admin):
        tags = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n", "name")
        return [(tag.slug, tag.name) for tag in tags[: self.shown]]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tagged_items__tag__slug=self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [SectionInline, RelatedLinkInline]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst"]}),
        ("Publication", {"fields": ["status", "published_at", "category", "authors", "tags"]}),
        (
            "Lead image",
            {
                "fields": ["lead_image", "lead_image_alt", "lead_image_credit"],
                "classes": ["collapse"],
            },
        ),
    ]
    list_display = ["title", "state", "category", "published_at", "tag_list", "updated_at"]
    list_select_related = ["category"]
    list_filter = [PublicationStateFilter, "category", TagFilter, "published_at"]
    search_fields = ["title", "standfirst", "sections__heading", "sections__body"]
    date_hierarchy = "published_at"
    actions = ["publish_selected", "unpublish_selected"]
    save_on_top = True
    list_per_page = 50

    class Media:
        js = ["articles/admin/section_order.js"]
        css = {"all": ["articles/admin/editor.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"editor": request.user})

    def get_urls(self):
        return [
            path(
                "tag-autocomplete/",
                self.admin_site.admin_view(self.tag_autocomplete),
                name="articles_article_tag_autocomplete",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, obj):
        name = "articles:detail" if obj.publication_state == "Published" else "articles:preview"
        return reverse(name, kwargs={"slug": obj.slug})

    @admin.display(description="State", ordering="status")
    def state(self, obj):
        if obj.publication_state == "Scheduled":
            return f"Scheduled for {timezone.localtime(obj.published_at):%b %d, %Y %H:%M}"
        return obj.publication_state

    @admin.display(description="Tags")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    def tag_autocomplete(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        term = request.GET.get("term", "").strip()
        tags = Tag.objects.annotate(uses=Count("tagged_articles"))
        if term:
            starts_with_term = Case(When(name__istartswith=term, then=0), default=1)
            tags = tags.filter(name__icontains=term).order_by(starts_with_term, "-uses", "name")
        else:
            tags = tags.order_by("-uses", "name")
        return JsonResponse({"results": [tag.name for tag in tags[:15]]})

    def save_model(self, request, obj, form, change):
        original = Article.objects.filter(pk=obj.pk).values("status", "published_at").first()
        # The form has already refused what the editor may not do; the service guards again.
        services.article_save(
            article=obj,
            by=request.user,
            **(
                {
                    "original_status": original["status"],
                    "original_published_at": original["published_at"],
                }
                if original
                else {}
            ),
        )

    def save_formset(self, request, form, formset, change):
        if formset.model is not Section:
            super().save_formset(request, form, formset, change)
            return
        sections = formset.save(commit=False)
        # Sections added without the ordering script keep position 0: put them last.
        end = form.instance.sections.aggregate(end=Max("position"))["end"] or 0
        for section in sections:
            if section.pk is None and section.position == 0:
                end += 1
                section.position = end
            section.save()
        for section in formset.deleted_objects:
            section.delete()
        services.sections_renumber(article=form.instance)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        caching.content_changed()

    def has_publish_permission(self, request):
        return services.user_can_publish(request.user)

    @admin.action(description="Publish selected essays", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = services.articles_publish(articles=queryset, by=request.user)
        self.message_user(request, f"Published {count} essay(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected essays (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = services.articles_unpublish(articles=queryset, by=request.user)
        self.message_user(request, f"Unpublished {count} essay(s).", messages.SUCCESS)
