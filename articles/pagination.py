"""
Pages of essays that cost the same at any archive size: no count of the whole list.

Django's paginator counts every matching essay on every request to say "page 3 of 1,667":
a walk over the whole index, growing with the archive (and a count of a tag's essays is a
join over all of them). Here a page reads one row past its end to know whether an older
page exists, and says only "page 3". Deep pages still skip the rows before them, a cost
that grows with the page's depth, not with the archive.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator

MAX_PAGE = 10**9


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, *, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def has_other_pages(self):
        return self.has_previous() or self.has_next()

    def start_index(self):
        if not self.object_list:
            return 0
        return (self.number - 1) * self.paginator.per_page + 1

    def end_index(self):
        return (self.number - 1) * self.paginator.per_page + len(self.object_list)


class UncountedPaginator(Paginator):
    """A paginator whose pages know their neighbours without counting the list."""

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        # No list is that long, and its offset would not fit a database's integer.
        if number > MAX_PAGE:
            raise EmptyPage("That page contains no results")
        return number

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        rows = list(self.object_list[start : start + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        return UncountedPage(
            rows[: self.per_page], number, self, has_next=len(rows) > self.per_page
        )
