from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Count, F, When, prefetch_related_objects
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from taggit.forms import TagWidget

from articles import images, limits, related, search, services
from articles.admin import editing, listing, preview, revisions
from articles.admin.selection import CheckedSelectionMixin, values_the_columns_hold
from articles.models import Article, ArticleStatus, RelatedLink, Section, Tag
from articles.models.taxonomy import TAG_SLUG_LENGTH, clean_tag_name, tag_slug
from articles.services.autosave import autosave_discard
from articles.services.permissions import Action

AUDIT_SHOWN = 30


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


class AuthorsAutocompleteWidget(AutocompleteSelectMultiple):
    """
    The admin's author search without select2's "clear all" cross: each chosen author has
    a remove button of its own, and the cross sits inside the list of choices, where
    screen readers expect only choices. editor.js ties the search box to the field's label.
    """

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["data-allow-clear"] = "false"
        return attrs


# The workflow buttons of the change form: the `_transition` value each one posts.
TRANSITIONS = {
    "submit": "Submit for review",
    "publish": "Publish",
    "send_back": "Send back to the writer",
    "unpublish": "Unpublish",
}


def transitions_for(user, article):
    """The workflow buttons `user` may press on `article` (None: a new essay), in order."""
    status = article.status if article else ArticleStatus.DRAFT
    may_publish = services.can(user, Action.PUBLISH, article)
    offered = []
    if status == ArticleStatus.DRAFT and (
        article is None or services.can(user, Action.SUBMIT, article)
    ):
        offered.append("submit")
    if may_publish:
        if status != ArticleStatus.PUBLISHED:
            offered.append("publish")
        if status == ArticleStatus.IN_REVIEW:
            offered.append("send_back")
        if status == ArticleStatus.PUBLISHED:
            offered.append("unpublish")
    return offered


class ArticleAdminForm(forms.ModelForm):
    transition_comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "Goes with Submit, Publish, Send back or Unpublish into the essay's history; "
            "sending back needs one, and the writer gets it by email."
        ),
    )

    # The version the form was loaded from: a save from an older one is refused.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "standfirst", "published_at", "suggested_published_at", "owner",
            "category", "authors", "tags", "lead_image", "lead_image_alt", "lead_image_credit",
        ]  # fmt: skip
        widgets = {
            "tags": TagAutocompleteWidget,
            "standfirst": forms.Textarea(attrs={"rows": 3}),
        }
        # Checked by content, re-encoded and renamed before the service sees it.
        field_classes = {"lead_image": images.VerifiedImageField}

    # The admin sets this to the person saving the form.
    editor = None
    # Set by clean() when someone else saved the essay after this form was loaded.
    conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.version
        date = self.fields.get("published_at")
        if date is not None and not services.can(self.editor, Action.PUBLISH):
            # Carried along unchanged; a changed value is refused by the service (403).
            date.widget = forms.SplitHiddenDateTimeWidget()
        elif date is not None and not self.instance.published_at:
            suggested = self.instance.suggested_published_at
            if suggested:
                self.initial["published_at"] = suggested
                date.help_text = (
                    f"The writer suggests {timezone.localtime(suggested):%B %-d, %Y, %H:%M}: "
                    "publish to confirm it, or change it. " + date.help_text
                )

    def clean_title(self):
        return limits.checked_length("title", self.cleaned_data["title"])

    def clean_standfirst(self):
        return limits.checked_length("standfirst", self.cleaned_data["standfirst"])

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
        transition = self.data.get("_transition")
        if transition == "send_back" and not cleaned.get("transition_comment", "").strip():
            self.add_error(
                "transition_comment", "Say what should change: sending back needs a comment."
            )
        if transition in ("submit", "publish"):
            for name, what in [("standfirst", "a standfirst"), ("category", "a section")]:
                if name in self.fields and not cleaned.get(name):
                    self.add_error(
                        name, f"Drafts may do without, but to {transition} it needs {what}."
                    )
        self.check_version(cleaned.get("loaded_version"))
        return cleaned

    def check_version(self, loaded):
        """
        Refuse a save from a version older than the stored one, keeping the editor's text in
        the form; the hidden version moves on, so saving again (after merging by hand) goes
        through. Runs inside the admin's transaction, with the essay's row locked.
        """
        if not self.instance.pk or loaded is None:
            return
        current = (
            Article.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None or current == loaded:
            return
        self.conflict = services.EditConflict(
            article=self.instance, base_version=loaded, current_version=current
        )
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_version")] = current
        self.add_error(
            None,
            "Someone else saved this essay while you were editing it, so nothing was saved. "
            "Your text is still in the form; their changes are shown above it. Merge what you "
            "want to keep, then save again.",
        )


class ChildRowsFormSet(BaseInlineFormSet):
    """
    Inline rows that the essay's service saves as a whole, by content. Their ids only say
    which rows the form showed: after someone else's save they may be gone, and the
    editor's text must still validate so that it can be saved over (never lost to a
    "Select a valid choice" on a hidden field).
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk = self.model._meta.pk.name
        form.fields[pk] = forms.IntegerField(
            required=False, widget=forms.HiddenInput, initial=form.fields[pk].initial
        )

    def _existing_object(self, pk):
        return super()._existing_object(pk) or self.model(pk=None)

    def kept_in_order(self):
        """The cleaned rows not marked for deletion, by their position (new ones last)."""
        kept = [
            (form.cleaned_data.get("position") or 10**9, index, form.cleaned_data)
            for index, form in enumerate(self.forms)
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        return [data for _, _, data in sorted(kept, key=lambda row: row[:2])]


class SectionForm(forms.ModelForm):
    def clean_heading(self):
        return limits.checked_length("heading", self.cleaned_data["heading"])

    def clean_body(self):
        return limits.checked_length("body", self.cleaned_data["body"])


class SectionFormSet(ChildRowsFormSet):
    def sections(self):
        """The sections as typed, in the order of their position numbers (new ones last)."""
        return [
            services.SectionData(data.get("heading", ""), data.get("body", ""))
            for data in self.kept_in_order()
        ]


class PinFormSet(ChildRowsFormSet):
    def pins(self):
        return [
            services.PinData(
                data["target"].pk if data.get("target") else None,
                data.get("reference_summary", ""),
                data.get("reference_date"),
            )
            for data in self.kept_in_order()
        ]


class ArticleChildInline:
    """Inline rows are part of the essay: whoever may edit the essay may edit them."""

    def has_view_permission(self, request, obj=None):
        return obj is None or services.can(request.user, Action.VIEW, obj)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return services.can(request.user, Action.CREATE)
        return services.can(request.user, Action.EDIT, obj)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)


class SectionInline(ArticleChildInline, admin.StackedInline):
    model = Section
    form = SectionForm
    formset = SectionFormSet
    extra = 0
    min_num = 1
    fields = ["position", "heading", "body"]
    classes = ["sortable-sections"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # editor.js grows bodies with their text from 3 rows; 10 is for pages without it.
        if db_field.name == "body":
            field.widget.attrs.update({"rows": 10, "class": "vLargeTextField section-body"})
        if db_field.name == "heading":
            field.widget.attrs.update({"class": "vTextField section-heading"})
        if db_field.name == "position":
            field.widget.attrs.update({"class": "section-position"})
            field.help_text = "Order in the essay; use the Move buttons or type numbers."
        return field


class RelatedLinkInline(ArticleChildInline, admin.TabularInline):
    model = RelatedLink
    formset = PinFormSet
    fk_name = "article"
    extra = 0
    fields = ["position", "target", "reference_summary", "reference_date"]
    autocomplete_fields = ["target"]
    verbose_name = "pinned related essay"
    verbose_name_plural = "Pinned related essays (shown first, in this order)"

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        # Mostly empty (imported links only): a ten-row box per row made the table overflow.
        if db_field.name == "reference_summary":
            field.widget.attrs.update({"rows": 2, "cols": 30})
        return field

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        verbose_name = self.verbose_name

        class PinnedRows(formset):
            def add_fields(self, form, index):
                # A table's column headings do not label its inputs: each gets a name.
                super().add_fields(form, index)
                row = "new" if index is None else index + 1
                for field in form.fields.values():
                    if not field.widget.is_hidden:
                        label = field.label or ""
                        field.widget.attrs["aria-label"] = f"{label} ({verbose_name} {row})"

            def _construct_form(self, i, **kwargs):
                # A row added by the related panel's script names the link the panel just
                # stored: it is that link, kept even where its fields look unchanged.
                if self.is_bound and i >= self.initial_form_count():
                    pk = self.data.get(f"{self.add_prefix(i)}-id", "")
                    link = self._existing_object(int(pk)) if pk.isdigit() else None
                    if link is not None and link.pk is not None:
                        kwargs.update(instance=link, empty_permitted=False)
                return super()._construct_form(i, **kwargs)

        return PinnedRows


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
    # Read once: ranking the list and explaining it both go through the essay's tags.
    prefetch_related_objects([article], "tags")
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
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("published", "Published"),
            ("unpublished", "Unpublished"),
        ]

    def queryset(self, request, queryset):
        return {
            "published": queryset.published,
            "scheduled": queryset.scheduled,
            "draft": queryset.drafts,
            "review": queryset.in_review,
            "unpublished": queryset.unpublished,
        }.get(self.value(), queryset.all)()


class OwnerFilter(admin.SimpleListFilter):
    title = "owner"
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        return [("mine", "Mine")]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(owner=request.user)
        return queryset


class TagFilter(admin.SimpleListFilter):
    """
    The most used tags; the full list of thousands would drown the sidebar. The list it
    filters is read in the order of the tag's dated taggings (articles/admin/listing.py).
    """

    title = "tag"
    parameter_name = listing.TAG_PARAMETER
    shown = 25

    def lookups(self, request, model_admin):
        # Ranked by the weight the related lists' refresh (every few minutes) gives each
        # tag from how many published essays carry it, the fewest weighing most: counting
        # here would read every tagging, half a million at 100,000 essays. A tag new since
        # that refresh, in few essays yet, comes last.
        tags = Tag.objects.order_by(F("related_weight").asc(nulls_last=True), "name")
        return [(tag.slug, tag.name) for tag in tags.only("slug", "name")[: self.shown]]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        # By id, a value the planner can weigh: PostgreSQL then knows how many essays carry
        # the tag, and reads a common tag's taggings in order instead of sorting them all.
        tag = Tag.objects.filter(slug=self.value()).values_list("pk", flat=True)[:1]
        # Read here, before the change list's own guard: a value no slug can hold
        # (?tag=%00, which PostgreSQL refuses) is a bad filter, not a server error.
        with values_the_columns_hold():
            return queryset.filter(tagged_items__tag_id__in=list(tag))


@admin.register(Article)
class ArticleAdmin(CheckedSelectionMixin, admin.ModelAdmin):
    form = ArticleAdminForm
    inlines = [SectionInline, RelatedLinkInline]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors"]
    readonly_fields = ["publication"]
    list_display = ["title", "state", "owner", "category", "published_at", "tag_list", "updated_at"]
    list_select_related = ["category", "owner"]
    list_filter = [PublicationStateFilter, OwnerFilter, "category", TagFilter, "published_at"]
    search_fields = ["title", "standfirst", "sections__heading", "sections__body"]
    date_hierarchy = "published_at"
    actions = ["publish_selected", "unpublish_selected"]
    save_on_top = True
    list_per_page = 50
    # Counting the essays costs a walk over every matching one on every page: the list's
    # pages are not counted (articles/admin/listing.py), nor are its filters' choices.
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    class Media:
        js = [
            "articles/admin/section_order.js",
            "articles/admin/editor.js",
            "articles/admin/autosave.js",
            "articles/admin/preview.js",
        ]
        css = {
            "all": [
                "articles/admin/editor.css",
                "articles/admin/revisions.css",
                "articles/admin/preview.css",
            ]
        }

    def get_fieldsets(self, request, obj=None):
        may_publish = services.can(request.user, Action.PUBLISH)
        publication = ["publication", "published_at"]
        if may_publish:
            publication.append("suggested_published_at" if obj else None)
            publication.append("owner" if obj and services.can(request.user, Action.REASSIGN)
                               else None)  # fmt: skip
        else:
            publication.append("suggested_published_at")
        publication += ["category", "authors", "tags", "transition_comment"]
        return [
            (None, {"fields": ["title", "slug", "standfirst", "loaded_version"]}),
            ("Publication", {"fields": [field for field in publication if field]}),
            (
                "Lead image",
                {
                    "fields": ["lead_image", "lead_image_alt", "lead_image_credit"],
                    "classes": ["collapse"],
                },
            ),
        ]

    def get_queryset(self, request):
        return services.visible_articles(
            request.user, super().get_queryset(request).prefetch_related("tags")
        )

    def get_changelist(self, request, **kwargs):
        return listing.UncountedChangeList

    def get_search_results(self, request, queryset, search_term):
        # The readers' full-text index, every status included, instead of scanning section
        # text with LIKE: accents, word forms and quotes work as on the site (docs/search.md).
        # The exact address still finds an essay whose words are all common ones.
        if not search_term.strip():
            return queryset, False
        return search.matching(queryset, search_term), False

    def get_object(self, request, object_id, from_field=None):
        # Every essay, not only the visible ones: someone else's draft answers 403, not
        # "does not exist", so a crafted request learns nothing it may not see anyway.
        field = Article._meta.pk if from_field is None else Article._meta.get_field(from_field)
        try:
            return Article.objects.get(**{field.name: field.to_python(object_id)})
        except (Article.DoesNotExist, ValidationError, ValueError):
            return None

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return services.can(request.user, Action.VIEW, obj)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return services.can(request.user, Action.EDIT, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return services.can(request.user, Action.DELETE, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"editor": request.user})

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "authors":
            # Made here: Django's admin offers no field for a relation with its own through
            # model, since it would save the rows itself. Here `services.article_save`
            # saves them (`save_related`), dates included.
            kwargs["widget"] = AuthorsAutocompleteWidget(
                db_field, self.admin_site, using=kwargs.get("using")
            )
            return db_field.formfield(**kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

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
            *revisions.urls(self),
            *editing.urls(self),
            *preview.urls(self),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Here rather than in change_view: a save that succeeds redirects without rendering
        # the form, and computes none of this.
        context.update(self.editor_context(request, obj if change else None))
        form = context["adminform"].form
        if form.conflict is not None:
            context["edit_conflict"] = self.conflict_context(obj, form.conflict)
        editable = obj is None or self.has_change_permission(request, obj)
        context["workflow_buttons"] = [
            (value, TRANSITIONS[value]) for value in transitions_for(request.user, obj)
        ] if editable else []  # fmt: skip
        return super().render_change_form(request, context, add, change, form_url, obj)

    def editor_context(self, request, article):
        """The panels around the form: related list, history, autosave, previews."""
        extra = {**editing.context(request, article), **preview.context(request, article)}
        if article is not None:
            extra.update(
                related_rows=related_panel_rows(article),
                related_limit=settings.FILMCULTURE["RELATED_ARTICLES_COUNT"],
                audit_entries=article.audit_entries.select_related("actor")[:AUDIT_SHOWN],
                audit_log_url=(
                    reverse("admin:articles_auditentry_changelist")
                    + f"?article__id__exact={article.pk}"
                ),
            )
        return extra

    def conflict_context(self, article, conflict):
        base, theirs = conflict.base, conflict.theirs
        return {
            "theirs": theirs,
            "by": (
                (theirs.author.get_full_name() or theirs.author.get_username())
                if theirs and theirs.author
                else "someone"
            ),
            "base_version": conflict.base_version,
            "comparison": (
                revisions.comparison(article, base, theirs) if base and theirs else None
            ),
            "compare_url": reverse("admin:articles_article_revisions_compare", args=[article.pk])
            + f"?a={conflict.base_version}&b={conflict.current_version}",
        }

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
        """
        Run one of the panel's buttons. A plain post goes back to the change page; editor.js
        posts with fetch instead and gets the panel re-rendered as JSON, so that nothing
        typed in the form is lost to a reload.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such essay.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        form = RelatedActionForm(request.POST)
        ok = False
        if not form.is_valid():
            message = "That essay no longer exists."
        else:
            try:
                message = action(article, form.cleaned_data["target"], form.cleaned_data)
                ok = True
            except ValidationError as error:
                message = " ".join(error.messages)
        fetched = request.headers.get("X-Requested-With") == "XMLHttpRequest"
        if fetched or "application/json" in request.headers.get("Accept", ""):
            return self._related_panel_response(request, article, ok=ok, message=message)
        self.message_user(request, message, messages.SUCCESS if ok else messages.ERROR)
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        return HttpResponseRedirect(f"{change_url}#related-panel")

    def _related_panel_response(self, request, article, *, ok, message):
        links = article.pinned_links.select_related("target").order_by("position", "id")
        html = render_to_string(
            "admin/articles/article/includes/related_panel.html",
            {
                "original": article,
                "related_rows": related_panel_rows(article),
                "related_limit": settings.FILMCULTURE["RELATED_ARTICLES_COUNT"],
            },
            request=request,
        )
        return JsonResponse(
            {
                "ok": ok,
                "message": message,
                "html": html,
                # The form's pinned-essay rows follow these, so a later save keeps them.
                "pins": [
                    {"id": link.pk, "target": link.target_id, "title": str(link.target or "")}
                    for link in links
                ],
            },
            status=200 if ok else 400,
        )

    def view_on_site(self, obj):
        name = "articles:detail" if obj.is_live else "articles:preview"
        return reverse(name, kwargs={"slug": obj.slug})

    @admin.display(description="State", ordering="status")
    def state(self, obj):
        if obj.is_scheduled:
            return f"Scheduled for {timezone.localtime(obj.published_at):%b %d, %Y %H:%M}"
        return obj.publication_state

    @admin.display(description="Status")
    def publication(self, obj):
        if obj is None or obj.pk is None:
            return "New draft"
        return self.state(obj)

    @admin.display(description="Tags")
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    def tag_autocomplete(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        # PostgreSQL refuses text with NUL characters; no tag has one.
        term = request.GET.get("term", "").replace("\x00", "").strip()
        tags = Tag.objects.annotate(uses=Count("tagged_articles"))
        if term:
            starts_with_term = Case(When(name__istartswith=term, then=0), default=1)
            tags = tags.filter(name__icontains=term).order_by(starts_with_term, "-uses", "name")
        else:
            tags = tags.order_by("-uses", "name")
        return JsonResponse({"results": [tag.name for tag in tags[:15]]})

    # --- Saving: the essay as a whole, then its workflow step, through the services --------

    def save_model(self, request, obj, form, change):
        """Saved in `save_related`, with its sections, tags and pins, in one service call."""

    def save_formset(self, request, form, formset, change):
        """Inline rows are saved by `services.article_save`, never by the formset."""

    def save_related(self, request, form, formsets, change):
        article = form.instance
        by_model = {formset.model: formset for formset in formsets}
        services.article_save(
            article=article,
            by=request.user,
            expected_version=form.cleaned_data.get("loaded_version"),
            comment=form.cleaned_data.get("transition_comment", ""),
            sections=by_model[Section].sections() if Section in by_model else None,
            authors=list(form.cleaned_data["authors"]) if "authors" in form.cleaned_data else None,
            tags=form.cleaned_data.get("tags") if "tags" in form.cleaned_data else None,
            pins=by_model[RelatedLink].pins() if RelatedLink in by_model else None,
        )
        # What was typed is saved now: the autosave slot it came from has served.
        autosave_discard(user=request.user, article=article if change else None)
        self.apply_transition(request, article, form)

    def apply_transition(self, request, article, form):
        transition = request.POST.get("_transition")
        if not transition:
            return
        if transition not in TRANSITIONS:
            raise PermissionDenied(f"There is no workflow step “{transition[:40]}”.")
        comment = form.cleaned_data.get("transition_comment", "")
        # A refusal of the user's right raises PermissionDenied: 403, and the transaction
        # the admin wraps the whole save in rolls the edit back with it.
        try:
            if transition == "submit":
                services.article_submit(article=article, by=request.user, comment=comment)
                message = "Submitted for review: the editors have been told."
            elif transition == "publish":
                services.article_publish(
                    article=article, by=request.user, at=article.published_at, comment=comment
                )
                message = (
                    f"Scheduled for {timezone.localtime(article.published_at):%B %-d, %Y, %H:%M}."
                    if article.is_scheduled
                    else "Published: readers see it now."
                )
            elif transition == "send_back":
                services.article_send_back(article=article, by=request.user, comment=comment)
                message = "Sent back to the writer with your comment."
            else:
                services.article_unpublish(article=article, by=request.user, comment=comment)
                message = "Unpublished: readers no longer see it."
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)

    def construct_change_message(self, request, form, formsets, add=False):
        # The formsets were not saved by Django, so they have no saved objects to list.
        return super().construct_change_message(request, form, [], add)

    def delete_model(self, request, obj):
        services.article_delete(article=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        services.articles_delete(articles=list(queryset), by=request.user)

    def has_publish_permission(self, request):
        return services.can(request.user, Action.PUBLISH)

    def response_action(self, request, queryset, *args, **kwargs):
        # An action the user is not offered, posted by hand, is refused outright.
        name = request.POST.get("action", "")
        offered = self.get_actions(request)
        if name and name not in offered and name in self._every_action_name():
            raise PermissionDenied(f"You may not use “{name}”.")
        return super().response_action(request, queryset, *args, **kwargs)

    def _every_action_name(self):
        return {*self.actions, "delete_selected"}

    @admin.action(description="Publish selected essays now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = services.articles_publish(articles=queryset, by=request.user)
        self.message_user(request, f"Published {count} essay(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected essays", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = services.articles_unpublish(articles=queryset, by=request.user)
        self.message_user(request, f"Unpublished {count} essay(s).", messages.SUCCESS)
