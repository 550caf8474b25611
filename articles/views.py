"""Reader-facing pages. Every list and page starts from `Article.objects.published()`."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.contrib.sitemaps import views as sitemap_views
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import router
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control, never_cache
from django.views.generic import (
    DetailView,
    ListView,
    MonthArchiveView,
    RedirectView,
    TemplateView,
    YearArchiveView,
)

from articles import caching, essay_page, feeds, listing, rendering, search, services, sitemaps
from articles.addresses import archive_address
from articles.caching import public_page
from articles.models import ArchiveMonth, Article, ArticleRedirect, Author, Category, Tag
from articles.page_head import SITE_DESCRIPTION, THEME_COLOR, site_origin
from articles.pagination import UncountedPaginator
from articles.prepared import PreparedQuery, columns, instance
from articles.related import related_articles
from articles.search.forms import SearchForm
from articles.services import previews
from filmculture.ratelimits import rate_limit

SEARCH_RESULTS_PER_PAGE = 10


class FaviconView(RedirectView):
    """Browsers and crawlers ask for /favicon.ico whatever a page says: send them the icon."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static("icons/favicon.svg")


class PublishedArticlesMixin:
    paginate_by = settings.FILMCULTURE["ARTICLES_PER_PAGE"]
    paginator_class = UncountedPaginator

    def get_queryset(self):
        return Article.objects.published().newest_first()

    def paginate_queryset(self, queryset, page_size):
        # Authors and tags for the page's essays only, not for the archives' lookups of
        # the next and previous month or year.
        return super().paginate_queryset(queryset.for_listing(), page_size)

    def lists_shown(self):
        """The list keys of this page (docs/caching.md): what publishing an essay can change."""
        return ["list:home"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        essays = rendering.with_bylines(context["object_list"])
        context["object_list"] = context[self.context_object_name] = essays
        caching.shows(self.request, *self.lists_shown(), essays)
        return context


class PreparedListMixin(PublishedArticlesMixin):
    """
    A list whose rule is `essays_at(owner_id, now)` (a staticmethod), its pages read through
    a prepared query compiled once per process (articles/listing.py).
    """

    prepared = None
    # Tags and authors exist for readers only through published essays: one known only
    # from drafts must not show its name or an author's bio.
    needs_published_essays = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "essays_at" in cls.__dict__:
            owned = getattr(cls, "owner_model", None) is not None
            cls.prepared = listing.prepared_list(cls.essays_at, owned=owned)

    def owner_id(self):
        return 0

    def get_queryset(self):
        # The pages are read through the prepared query (`paginate_queryset`): ListView
        # asks for a queryset it never evaluates here, and building the rule's costs more
        # than running it.
        return Article.objects.none()

    def paginate_queryset(self, queryset, page_size):
        essays = listing.EssayList(self.prepared, self.owner_id())
        paginated = ListView.paginate_queryset(self, essays, page_size)
        page = paginated[1]
        if self.needs_published_essays and page.number == 1 and not page.object_list:
            raise Http404(f"No {self.owner_kind.lower()} at this address.")
        return paginated


@method_decorator(public_page, name="dispatch")
class HomeView(PreparedListMixin, ListView):
    template_name = "articles/home.html"
    context_object_name = "articles"

    @staticmethod
    def essays_at(owner_id, now):
        return Article.objects.published(at=now).newest_first()


class ArticlePageMixin:
    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_articles"] = related_articles(self.object)
        caching.shows(
            self.request, caching.essay_page_keys(self.object), context["related_articles"]
        )
        return context


@method_decorator(public_page, name="dispatch")
class ArticleDetailView(ArticlePageMixin, DetailView):
    def get_object(self, queryset=None):
        # What `published().for_detail()` gives, read through prepared queries.
        article = essay_page.published_essay(self.kwargs["slug"])
        if article is None:
            raise Http404("No essay at this address.")
        return article

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A published essay's earlier address leads to where it is now.
            moved = (
                ArticleRedirect.objects.filter(old_slug=kwargs["slug"])
                .filter(article__in=Article.objects.published())
                .select_related("article")
                .first()
            )
            if moved is None:
                raise
            return HttpResponsePermanentRedirect(moved.article.get_absolute_url())


class ArticlePreviewView(PermissionRequiredMixin, ArticlePageMixin, DetailView):
    """
    Staff see an essay they may see in the admin, draft or scheduled, as readers will;
    never cached.
    """

    permission_required = "articles.view_article"
    login_url = reverse_lazy("admin:login")
    extra_context = {"is_preview": True}

    def get_queryset(self):
        return Article.objects.for_detail()

    def get_object(self, queryset=None):
        article = super().get_object(queryset)
        if not services.can(self.request.user, services.Action.VIEW, article):
            raise PermissionDenied("You may not see this essay.")
        return article

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex"
        return response


# Gone for good (410) or never there (404): what a refused preview link answers.
PREVIEW_LINK_REFUSALS = {
    previews.PreviewLinkExpired: (410, "This preview link has expired"),
    previews.PreviewLinkRevoked: (410, "This preview link was revoked"),
    previews.PreviewLinkInvalid: (404, "This preview link does not work"),
}


@never_cache
@rate_limit("preview_link")
def shared_preview(request, token):
    """
    An essay as saved, draft included, for whoever holds a valid preview link: no account
    needed. Never cached (the page cache would outlive a revocation) and never indexed.
    """
    try:
        link = previews.preview_link_for_token(token)
    except previews.PreviewLinkRefused as refusal:
        status, heading = PREVIEW_LINK_REFUSALS[type(refusal)]
        context = {"heading": heading, "reason": str(refusal)}
        response = render(request, "articles/preview_link_refused.html", context, status=status)
    else:
        article = get_object_or_404(Article.objects.for_detail(), pk=link.article_id)
        context = {
            "article": article,
            "related_articles": related_articles(article),
            "is_preview": True,
            "preview_label": (
                "Shared preview" if article.is_live else "Shared preview: not yet published"
            ),
        }
        response = render(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex"
    # The token is the key to the draft: links in the essay must not carry it elsewhere.
    response["Referrer-Policy"] = "no-referrer"
    return response


class FilteredListView(PreparedListMixin, ListView):
    """A list of essays belonging to one thing (a section, a tag, an author)."""

    template_name = "articles/article_list.html"
    context_object_name = "articles"
    owner_model = None
    owner_kind = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        model = cls.owner_model
        if model is not None:
            # The list's section, tag or author by its address, compiled once per process.
            cls.owner_at = PreparedQuery(
                model,
                lambda slug: model.objects.filter(slug=slug).values(*columns(model))[:1],
                slug=str,
            )

    def get(self, request, *args, **kwargs):
        found = self.owner_at.rows(slug=kwargs["slug"])
        if not found:
            return self.owner_not_found(request, kwargs["slug"])
        self.owner = instance(self.owner_model, found[0], router.db_for_read(self.owner_model))
        return super().get(request, *args, **kwargs)

    def owner_id(self):
        return self.owner.pk

    def owner_not_found(self, request, slug):
        raise Http404(f"No {self.owner_kind.lower()} at this address.")

    # The URL names of this list's RSS and Atom feeds, if it has them.
    feed_url_name = None
    atom_feed_url_name = None

    def lists_shown(self):
        return [f"list:{self.owner_model._meta.model_name}:{self.owner.pk}", self.owner]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            owner=self.owner,
            owner_kind=self.owner_kind,
            feed_url_name=self.feed_url_name,
            atom_feed_url_name=self.atom_feed_url_name,
            **kwargs,
        )


@method_decorator(public_page, name="dispatch")
class CategoryView(FilteredListView):
    owner_model = Category
    owner_kind = "Section"
    feed_url_name = "feed_category"
    atom_feed_url_name = "feed_category_atom"

    @staticmethod
    def essays_at(owner_id, now):
        return Article.objects.published(at=now).newest_first().filter(category_id=owner_id)


@method_decorator(public_page, name="dispatch")
class TagView(FilteredListView):
    owner_model = Tag
    owner_kind = "Tag"
    feed_url_name = "feed_tag"
    atom_feed_url_name = "feed_tag_atom"
    needs_published_essays = True

    def owner_not_found(self, request, slug):
        """Old addresses of merged or renamed tags, and differently written ones, move on."""
        tag = Tag.objects.at_old_address(slug)
        if tag is None:
            return super().owner_not_found(request, slug)
        url = tag.get_absolute_url()
        if query := request.META.get("QUERY_STRING", ""):
            url = f"{url}?{query}"
        return HttpResponsePermanentRedirect(url)

    @staticmethod
    def essays_at(owner_id, now):
        # Through the tag's dated taggings, newest first, in index order (see `listed_at`).
        return (
            Article.objects.published(at=now)
            .filter(tagged_items__tag_id=owner_id, tagged_items__listed_at__lte=now)
            .order_by("-tagged_items__listed_at", "-tagged_items__content_object_id")
        )


@method_decorator(public_page, name="dispatch")
class AuthorView(FilteredListView):
    owner_model = Author
    owner_kind = "Author"
    feed_url_name = "feed_author"
    atom_feed_url_name = "feed_author_atom"
    needs_published_essays = True

    @staticmethod
    def essays_at(owner_id, now):
        return Article.objects.published(at=now).by_author(owner_id, at=now)


class ArchiveMixin(PublishedArticlesMixin):
    date_field = "published_at"
    context_object_name = "articles"
    allow_empty = False
    # `published()` already hides what is not yet out (see get_dated_queryset).
    allow_future = True

    def get_dated_queryset(self, **lookup):
        # The year's or month's essays with one upper bound on the date, for the index to
        # start from: the period's end, or now while the period is not over (Django's adds
        # now to the end, and SQLite walked back from now), in the index's own order (a
        # published essay always has a date; newest_first()'s NULLS LAST made SQLite sort
        # the whole period). 6 to 10 ms a page at 100,000 essays before.
        until = lookup.pop(f"{self.date_field}__lt")
        moment = min(until - timedelta(microseconds=1), timezone.now())
        essays = Article.objects.published(at=moment).filter(**lookup)
        if not essays.exists():
            raise Http404("No essays were published then.")
        return essays.order_by("-published_at", "-id")

    def lists_shown(self):
        return [f"list:archive:{self.get_year()}"]

    # The year or month before and after the one shown that has essays: one step down or up
    # the date index, instead of Django's lookup, which walked from today (20 ms at 100,000).
    # Django's own mixins say where the periods start.
    def get_previous_year(self, date):
        return self._first_of(self._before(self._get_current_year(date)), "year")

    def get_next_year(self, date):
        return self._first_of(self._from(self._get_next_year(date)), "year")

    def get_previous_month(self, date):
        return self._first_of(self._before(self._get_current_month(date)), "month")

    def get_next_month(self, date):
        return self._first_of(self._from(self._get_next_month(date)), "month")

    def _before(self, day):
        return Article.objects.published_date_before(self._make_date_lookup_arg(day))

    def _from(self, day):
        return Article.objects.published_date_from(self._make_date_lookup_arg(day))

    @staticmethod
    def _first_of(found, period):
        if found is None:
            return None
        local = timezone.localtime(found).date()
        return local.replace(month=1, day=1) if period == "year" else local.replace(day=1)

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # The pages list no months or days: listing them would read every essay of the
        # year. An empty year or month is still a 404 (`allow_empty`, one EXISTS query).
        return None


@method_decorator(public_page, name="dispatch")
class ArchiveView(TemplateView):
    template_name = "articles/archive_index.html"

    def get_context_data(self, **kwargs):
        years = {}
        for entry in ArchiveMonth.objects.shown():
            month = entry["month"]
            if month.year not in years:
                years[month.year] = {
                    "year": month.year,
                    "url": archive_address(month.year),
                    "months": [],
                }
            years[month.year]["months"].append(
                {**entry, "url": archive_address(month.year, month.month)}
            )
        caching.shows(self.request, "list:archive")
        return super().get_context_data(years=list(years.values()), **kwargs)


@method_decorator(public_page, name="dispatch")
class YearView(ArchiveMixin, YearArchiveView):
    template_name = "articles/archive_year.html"
    make_object_list = True


@method_decorator(public_page, name="dispatch")
class MonthView(ArchiveMixin, MonthArchiveView):
    template_name = "articles/archive_month.html"
    month_format = "%m"


@method_decorator(public_page, name="dispatch")
class FeedIndexView(TemplateView):
    """Every feed a reader can follow: the site's, each section's, tag's and author's."""

    template_name = "articles/feed_index.html"

    def get_context_data(self, **kwargs):
        # Sections, and the tags and authors with essays readers see.
        caching.shows(self.request, "sections", "tags", "authors", "list:archive")
        return super().get_context_data(**feeds.feed_directory(), **kwargs)


@public_page
def sitemap(request, section):
    """One sitemap (a page of it, `?p=`), carrying the keys of what that page shows."""
    if (kind := sitemaps.SITEMAPS.get(section)) is None:
        raise Http404(f"No sitemap named {section!r}.")
    shown = kind()
    caching.shows(request, *shown.page_keys(request.GET.get("p", 1)))
    return sitemap_views.sitemap(
        request, sitemaps={section: shown}, section=section, template_name="sitemaps/sitemap.xml"
    )


@public_page
def news_sitemap(request):
    """Google News sitemap: the last two days' essays."""
    caching.shows(request, *sitemaps.news_keys())
    context = {
        "articles": sitemaps.news_essays(),
        "origin": site_origin(request),
        "language": settings.LANGUAGE_CODE.split("-")[0],
    }
    return render(request, "sitemaps/news.xml", context, content_type="application/xml")


def web_manifest(request):
    """The web app manifest: the name and icons a phone uses for a saved shortcut."""
    name = settings.FILMCULTURE["SITE_NAME"]
    icons = [
        {"src": static(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in (192, 512)
    ]
    icons.append({"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"})
    manifest = {
        "name": name,
        "short_name": name,
        "description": SITE_DESCRIPTION,
        "lang": settings.LANGUAGE_CODE,
        "start_url": reverse("articles:home"),
        "scope": reverse("articles:home"),
        "display": "browser",
        "theme_color": THEME_COLOR,
        "background_color": "#fdfcf9",
        "icons": icons,
    }
    response = JsonResponse(manifest, content_type="application/manifest+json")
    patch_cache_control(response, public=True, max_age=settings.FILMCULTURE["PUBLIC_CACHE_SECONDS"])
    return response


# Each query is its own page: kept in the reader's browser for a minute, never in a shared
# cache, where arbitrary query strings would fill it. Each query costs a full-text match, so
# one address may ask only so often (filmculture/ratelimits.py).
@rate_limit("search")
@cache_control(private=True, max_age=60)
def search_page(request):
    form = SearchForm(request.GET or None)
    arguments = form.search_arguments()
    query, page, suggestion, more = None, None, None, False
    if arguments["text"].strip():
        results = search.search(**arguments)
        query = results.query
        page = Paginator(results, SEARCH_RESULTS_PER_PAGE).get_page(request.GET.get("page"))
        more = results.more
        if not page.object_list and page.number == 1:
            suggestion = search.did_you_mean(query)
    return render(
        request,
        "articles/search.html",
        {"form": form, "query": query, "page_obj": page, "suggestion": suggestion,
         "more": more,
         "max_length": search.MAX_QUERY_LENGTH},
    )  # fmt: skip
