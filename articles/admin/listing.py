"""
The essay list at any archive size: nothing on it reads every essay, or every essay a tag
or a search matches.

- Pages are not counted: a page reads one row past its end to know whether an older page
  exists (`articles.pagination.UncountedPaginator`), and links to the pages on either
  side. Django's list counts the matching rows on every request to number its pages.
- The list filtered by a tag reads that tag's taggings in the order of their dates
  (`TaggedArticle.listed_at`, the index the readers' tag pages use): the tag's published
  and scheduled essays newest first, then its other essays, newest first. In the list's
  own order (the essay's date, whatever its status) every essay carrying the tag would be
  read and sorted to find the first fifty.
- The date drill-down's range is read from the list without the tag filter and the search:
  the ends of a date index, instead of every matching essay's date. It may offer a year or
  month without matching essays, as it already does between the first and the last.
"""

import copy

from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR
from django.core.paginator import InvalidPage
from django.db.models import F

from articles.admin.selection import (
    CheckedChangeList,
    IncorrectLookupParameters,
    values_the_columns_hold,
)
from articles.pagination import UncountedPaginator

TAG_PARAMETER = "tag"


class UncountedChangeList(CheckedChangeList):
    def get_results(self, request):
        paginator = UncountedPaginator(self.queryset, self.list_per_page)
        try:
            with values_the_columns_hold():
                page = paginator.page(self.page_num)
        except InvalidPage as error:
            raise IncorrectLookupParameters(error) from error
        self.paginator = paginator
        self.page = page
        self.result_list = page.object_list
        # The rows up to this page's end: what is known without counting the list. The
        # templates of this list never show it (pagination.html, actions.html).
        self.result_count = page.end_index()
        self.full_result_count = None
        self.show_full_result_count = False
        self.show_admin_actions = True
        # "Show all" would have to count the list first to know it is short enough.
        self.can_show_all = False
        self.multi_page = page.has_other_pages()
        self.newer_page_url = (
            self.get_query_string({PAGE_VAR: page.previous_page_number()})
            if page.has_previous()
            else None
        )
        self.older_page_url = (
            self.get_query_string({PAGE_VAR: page.next_page_number()}) if page.has_next() else None
        )

    def get_ordering(self, request, queryset):
        if self.params.get(TAG_PARAMETER) and not self.params.get(ORDER_VAR):
            # The tag's taggings in the order of their index (tag, listed_at, essay).
            return [
                F("tagged_items__listed_at").desc(nulls_last=True),
                F("tagged_items__content_object").desc(),
            ]
        return super().get_ordering(request, queryset)

    def get_filters(self, request):
        # Built once per request: the drill-down's queryset below applies them again.
        if not hasattr(self, "_filters"):
            self._filters = super().get_filters(request)
        return self._filters

    def date_range_queryset(self, request):
        """What the date drill-down offers the dates of: the list without tag or search."""
        if not self.query and not self.params.get(TAG_PARAMETER):
            return self.queryset
        unsearched = copy.copy(self)
        unsearched.query = ""
        return unsearched.get_queryset(request, exclude_parameters=[TAG_PARAMETER])
