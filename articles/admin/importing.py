"""
"Import essays": editors upload page files, or a zip of them, and see the importer's
report, without a shell. The page lives at admin/articles/article/import/ and is linked
from the essay list; `register` adds its URL to an admin site.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path
from django.views import View

from articles.importing.importer import import_pages
from articles.importing.sources import (
    MAX_ARCHIVE_BYTES,
    ArchiveError,
    PageSource,
    sources_from_zip,
)
from articles.models import Article, Category

IMPORT_PERMISSION = "articles.add_article"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if not data:
            return super().clean(data, initial)  # raises "required"
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ImportEssaysForm(forms.Form):
    files = MultipleFileField(
        label="Page files",
        # An empty page is the importer's to report, with its file name.
        allow_empty_file=True,
        widget=MultipleFileInput(attrs={"accept": ".txt,.zip,text/plain,application/zip"}),
        help_text="One or more .txt page files, or .zip archives of them.",
        error_messages={"required": "Choose at least one .txt page file or .zip archive."},
    )
    default_category = forms.ModelChoiceField(
        Category.objects.all(),
        required=False,
        empty_label="None: every file names its own",
        help_text="For pages without a front matter naming their category.",
    )
    dry_run = forms.BooleanField(
        required=False,
        label="Dry run",
        help_text="Check the files and show what would happen, without saving anything.",
    )

    def __init__(self, *args, max_bytes=MAX_ARCHIVE_BYTES, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean_files(self):
        """
        The uploads as page sources; an archive that cannot be taken refuses the form, and
        so do files that together, as uploaded or once unpacked, pass the import's cap.
        """
        uploads = self.cleaned_data["files"]
        self.refuse_past_import_cap(sum(upload.size for upload in uploads), "as uploaded")
        sources, plain_bytes = [], 0
        for upload in uploads:
            if upload.name.lower().endswith(".zip"):
                try:
                    sources.extend(
                        sources_from_zip(upload, name=upload.name, max_bytes=self.max_bytes)
                    )
                except ArchiveError as error:
                    raise forms.ValidationError(str(error)) from None
            else:
                plain_bytes += upload.size
                sources.append(PageSource(upload.name, upload.read, upload.size))
        if plain_bytes > self.max_bytes:
            raise forms.ValidationError(
                f"The files come to more than {self.max_bytes // (1024 * 1024)} MB; "
                "import them in smaller batches."
            )
        self.refuse_past_import_cap(sum(source.size or 0 for source in sources), "unpacked")
        return sources

    @staticmethod
    def refuse_past_import_cap(total, how):
        cap = settings.FILMCULTURE["MAX_IMPORT_BYTES"]
        if total > cap:
            raise forms.ValidationError(
                f"One import may bring at most {cap / (1024 * 1024):.0f} MB of files "
                f"together; these come to {total / (1024 * 1024):.1f} MB {how}. "
                "Import them in several batches."
            )


class ImportEssaysView(View):
    admin_site = None
    template_name = "admin/articles/import_essays.html"
    max_bytes = MAX_ARCHIVE_BYTES

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(IMPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(request, ImportEssaysForm(max_bytes=self.max_bytes))

    def post(self, request):
        form = ImportEssaysForm(request.POST, request.FILES, max_bytes=self.max_bytes)
        report = None
        if form.is_valid():
            report = import_pages(
                form.cleaned_data["files"],
                default_category=form.cleaned_data["default_category"],
                by=request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        return self.render(request, form, report)

    def render(self, request, form, report=None):
        context = {
            **self.admin_site.each_context(request),
            "title": "Import essays",
            "opts": Article._meta,
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, self.template_name, context)


def register(site=admin.site):
    """Add the import page's URL to `site`, ahead of the model pages that would claim it."""
    model_urls = site.get_urls

    def get_urls():
        view = ImportEssaysView.as_view(admin_site=site)
        return [
            path(
                "articles/article/import/",
                site.admin_view(view),
                name="articles_article_import",
            ),
            *model_urls(),
        ]

    site.get_urls = get_urls
