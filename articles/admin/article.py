from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, Max, When
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from taggit.forms import TagWidget

from articles import caching, related, services
from articles.models import Article, ArticleStatus, RelatedLink, Section, Tag
from articles.models.taxonomy import TAG_SLUG_LENGTH, clean_tag_name, tag_slug


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

    def clean_tags(self):
        names = self.cleaned_data["tags"]
        for name in names:
            if not tag_slug(name):
                raise ValidationError(f"“{name}” cannot be a tag: it has no letter or digit.")
            if len(clean_tag_name(name)) > TAG_SLUG_LENGTH:
                raise ValidationError(
                    f"“{name[:40]}…” is too long for a tag (at most {TAG_SLUG_LENGTH} characters)."
                )
        return names

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


class RelatedActionForm(forms.Form):
    """What a button of the "Related Articles readers see" panel posts."""

    target = forms.ModelChoiceField(queryset=Article.objects.all())
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")], required=False)


@dataclass(frozen=True)
class RelatedPanelRow:
    item: related.RelatedItem
    can_move_up: bool = False
    can_move_down: bool = False


def related_panel_rows(article):
    """The list readers get, each entry with the buttons that make sense for it."""
    items = related.related_articles_explained(article)
    pinned = [item for item in items if item.pinned]
    return [
        RelatedPanelRow(
            item,
            can_move_up=item.pinned and item is not pinned[0],
            can_move_down=item.pinned and item is not pinned[-1],
        )
        for item in items
    ]


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
        related_actions = [
            path(
                f"<path:object_id>/related/{name}/",
                self.admin_site.admin_view(view),
                name=f"articles_article_related_{name}",
            )
            for name, view in [
                ("pin", self.related_pin_view),
                ("unpin", self.related_unpin_view),
                ("move", self.related_move_view),
            ]
        ]
        return [
            path(
                "tag-autocomplete/",
                self.admin_site.admin_view(self.tag_autocomplete),
                name="articles_article_tag_autocomplete",
            ),
            *related_actions,
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, unquote(object_id))
        if article is not None:
            extra_context = {
                **(extra_context or {}),
                "related_rows": related_panel_rows(article),
                "related_limit": settings.FILMCULTURE["RELATED_ARTICLES_COUNT"],
            }
        return super().change_view(request, object_id, form_url, extra_context)

    # --- The "Related Articles readers see" panel's buttons ---------------------------------

    def related_pin_view(self, request, object_id):
        def pin(article, target, data):
            services.related_pin(article=article, target=target, by=request.user)
            return f"Pinned “{target}”: readers see it among the pinned essays."

        return self._related_action(request, object_id, pin)

    def related_unpin_view(self, request, object_id):
        def unpin(article, target, data):
            services.related_unpin(article=article, target=target, by=request.user)
            return f"Unpinned “{target}”. It stays in the list only if it shares enough tags."

        return self._related_action(request, object_id, unpin)

    def related_move_view(self, request, object_id):
        def move(article, target, data):
            order = related.pinned_related(article)
            if target not in order:
                raise ValidationError(f"“{target}” is not among the pinned essays readers see.")
            index = order.index(target)
            other = index - 1 if data["direction"] == "up" else index + 1
            if not 0 <= other < len(order):
                raise ValidationError(f"“{target}” cannot move further {data['direction']}.")
            order[index], order[other] = order[other], order[index]
            services.related_reorder(article=article, targets=order, by=request.user)
            return f"Moved “{target}” {data['direction']}."

        return self._related_action(request, object_id, move)

    def _related_action(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such essay.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        form = RelatedActionForm(request.POST)
        if not form.is_valid():
            self.message_user(request, "That essay no longer exists.", messages.ERROR)
        else:
            try:
                message = action(article, form.cleaned_data["target"], form.cleaned_data)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, message, messages.SUCCESS)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(f"{change_url}#related-panel")

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
        # Tags go through the service, which also tells Related Articles they changed;
        # without them in cleaned_data the form's save_m2m leaves tags alone.
        tags = form.cleaned_data.pop("tags", None)
        super().save_related(request, form, formsets, change)
        if tags is not None and "tags" in form.changed_data:
            services.article_tags_set(article=form.instance, tags=tags, by=request.user)
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
