"""RSS and Atom feeds: the newest essays, and the newest of one section or tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed

from articles.inline_markup import render_inline
from articles.models import Article, Category, Tag

FEED_SIZE = 30


class LatestEssaysFeed(Feed):
    description = "The newest long-form essays on film culture."

    def title(self, obj=None):
        return settings.FILMCULTURE["SITE_NAME"]

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else "/"

    def essays(self):
        return Article.objects.published().for_listing().newest_first()

    def items(self, obj=None):
        return self.essays()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers show descriptions as HTML: the editor's text goes through the same
        # escaping and marks as on the essay page, never as markup of its own.
        return render_inline(item.standfirst)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return ", ".join(author.name for author in item.authors.all()) or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class LatestEssaysAtomFeed(LatestEssaysFeed):
    feed_type = Atom1Feed
    subtitle = LatestEssaysFeed.description


class ListingFeed(LatestEssaysFeed):
    """The newest essays of one section or tag; subclasses say which and how to filter."""

    owner_model = None
    owner_phrase = ""

    # Tags and authors exist for readers only through published essays: one known only
    # from drafts must not show its name (or an author's bio) to anyone.
    needs_published_essays = False

    def get_object(self, request, slug):
        owner = get_object_or_404(self.owner_model, slug=slug)
        if self.needs_published_essays and not self.owned_essays(owner).exists():
            raise Http404(f"No {self.owner_model._meta.verbose_name} at this address.")
        return owner

    def title(self, obj=None):
        return f"{obj.name} · {settings.FILMCULTURE['SITE_NAME']}"

    def description(self, obj=None):
        return render_inline(
            obj.description or f"The newest essays {self.owner_phrase} {obj.name}."
        )

    def items(self, obj=None):
        return self.owned_essays(obj)[:FEED_SIZE]


class CategoryFeed(ListingFeed):
    owner_model = Category
    owner_phrase = "in"

    def owned_essays(self, category):
        return self.essays().filter(category=category)


class TagFeed(ListingFeed):
    owner_model = Tag
    owner_phrase = "tagged"
    needs_published_essays = True

    def owned_essays(self, tag):
        return self.essays().filter(tagged_items__tag=tag)
