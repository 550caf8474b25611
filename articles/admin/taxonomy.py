from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from articles import services
from articles.admin.selection import CheckedSelectionMixin
from articles.models import Author, Category, Tag
from articles.models.taxonomy import TAG_SLUG_LENGTH, clean_tag_name, tag_slug


class ArticleCountMixin:
    """
    How many essays each row has, as a subquery per row rather than a join grouped over
    the whole table: the list counts only the rows of its page, and its paginator counts
    rows without the join (a tag list of 2,000 tags over 500,000 taggings).
    """

    count_lookup = "articles"

    def get_queryset(self, request):
        relation = self.model._meta.get_field(self.count_lookup)
        through = relation.through if relation.many_to_many else relation.related_model
        field = relation.remote_field.name if not relation.many_to_many else None
        if relation.many_to_many:
            field = next(f.name for f in through._meta.fields if f.related_model is self.model)
        rows = (
            through.objects.filter(**{field: OuterRef("pk")})
            .order_by()
            .values(field)
            .annotate(n=Count("*"))
            .values("n")
        )
        return super().get_queryset(request).annotate(article_count=Coalesce(Subquery(rows), 0))

    @admin.display(description="Essays", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count


class ServiceDeleteMixin:
    """Deleting goes through the model's delete service; a refusal is shown, not a 500."""

    def delete_object(self, obj, *, by):
        raise NotImplementedError

    def delete_model(self, request, obj):
        try:
            self.delete_object(obj, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)


@admin.register(Category)
class CategoryAdmin(CheckedSelectionMixin, ServiceDeleteMixin, ArticleCountMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def delete_object(self, category, *, by):
        services.category_delete(category=category, by=by)

    def save_model(self, request, obj, form, change):
        services.category_save(category=obj, by=request.user)


@admin.register(Author)
class AuthorAdmin(CheckedSelectionMixin, ServiceDeleteMixin, ArticleCountMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "bio"]
    prepopulated_fields = {"slug": ["name"]}

    def delete_object(self, author, *, by):
        services.author_delete(author=author, by=by)

    def save_model(self, request, obj, form, change):
        services.author_save(author=obj, by=request.user)


class TagAdminForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "name": (
                "Case, spacing and hyphens do not make a different tag: “Korean cinema” and "
                "“korean-cinema” are one. Renaming moves the tag page to a new address; the "
                "old one keeps working."
            )
        }

    def clean_name(self):
        name = clean_tag_name(self.cleaned_data["name"])
        if not tag_slug(name):
            raise ValidationError("A tag name needs at least one letter or digit.")
        if len(name) > TAG_SLUG_LENGTH:
            raise ValidationError(f"A tag name has at most {TAG_SLUG_LENGTH} characters.")
        clash = Tag.objects.filter(slug=tag_slug(name)).exclude(pk=self.instance.pk).first()
        if clash:
            raise ValidationError(
                format_html(
                    "There is already a tag “{}”. To make the two one, select both in the "
                    '<a href="{}">tag list</a> and choose “Merge selected tags into one”.',
                    clash.name,
                    reverse("admin:articles_tag_changelist"),
                )
            )
        return name


class MergeTagsForm(forms.Form):
    into = forms.ModelChoiceField(
        queryset=Tag.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Keep this tag",
        help_text=(
            "Essays tagged with the others get this tag instead (once); the others are "
            "deleted and their pages redirect here."
        ),
    )

    def __init__(self, *args, tags, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = tags
        self.fields["into"].label_from_instance = lambda tag: (
            f"{tag.name} ({tag.article_count} essay{'' if tag.article_count == 1 else 's'})"
        )


@admin.register(Tag)
class TagAdmin(CheckedSelectionMixin, ArticleCountMixin, admin.ModelAdmin):
    form = TagAdminForm
    count_lookup = "tagged_articles"
    list_display = ["name", "slug", "article_count"]
    search_fields = ["name", "slug"]
    fields = ["name", "slug", "description", "old_addresses"]
    readonly_fields = ["slug", "old_addresses"]
    actions = ["merge_selected"]

    @admin.display(description="Old addresses leading here")
    def old_addresses(self, obj):
        slugs = obj.redirects.values_list("old_slug", flat=True) if obj.pk else []
        return format_html_join(", ", "{}", ((slug,) for slug in slugs)) or "None"

    def save_model(self, request, obj, form, change):
        services.tag_save(tag=obj, by=request.user)

    def delete_model(self, request, obj):
        services.tags_delete(tags=[obj], by=request.user)

    def delete_queryset(self, request, queryset):
        services.tags_delete(tags=list(queryset), by=request.user)

    @admin.action(description="Merge selected tags into one", permissions=["change", "delete"])
    def merge_selected(self, request, queryset):
        queryset = queryset.order_by("-article_count", "name")
        if len(queryset) < 2:
            self.message_user(request, "Select two or more tags to merge.", messages.WARNING)
            return None
        if "merge" in request.POST:
            form = MergeTagsForm(request.POST, tags=queryset)
            if form.is_valid():
                into = form.cleaned_data["into"]
                retagged = services.tag_merge(tags=list(queryset), into=into, by=request.user)
                self.message_user(
                    request,
                    f"Merged {len(queryset) - 1} tag(s) into “{into.name}”: {retagged} "
                    "essay(s) retagged; the old tag pages redirect to it.",
                    messages.SUCCESS,
                )
                return None
        else:
            form = MergeTagsForm(tags=queryset, initial={"into": queryset[0]})
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge tags",
            "opts": self.opts,
            "tags": queryset,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/articles/tag/merge.html", context)
