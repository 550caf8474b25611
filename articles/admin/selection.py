"""The change lists' filters and bulk actions, safe from hand-made addresses and selections."""

from contextlib import contextmanager

from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import DataError, connection
from django.http import HttpResponseRedirect
from django.utils.html import format_html
from django.utils.translation import gettext as _


@contextmanager
def values_the_columns_hold():
    """
    A filter value past what the column holds (?groups__gte=9223372036854775808): SQLite
    cannot bind it, PostgreSQL refuses it; either way, no such rows, not a server error.
    """
    try:
        yield
    except (OverflowError, DataError) as error:
        raise IncorrectLookupParameters(error) from error


class CheckedChangeList(ChangeList):
    def get_results(self, request):
        with values_the_columns_hold():
            return super().get_results(request)

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            # A date drill-down year past what dates can hold (?at__year=2147483648): Django
            # catches ValueError there but not this, so the list would answer 500.
            raise IncorrectLookupParameters(error) from error


def check_every_change_list(site):
    """
    Give every model admin on `site` the checks below, Django's and other apps' included
    (users, groups, login attempts, two-factor devices): run once all are registered.
    """
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, CheckedSelectionMixin):
            checked = type(
                f"Checked{type(model_admin).__name__}",
                (CheckedSelectionMixin, type(model_admin)),
                {},
            )
            site.unregister(model)
            site.register(model, checked)


class CheckedSelectionMixin:
    """
    A bulk action posted with ids that cannot be ids (letters, numbers past the column's
    range) is refused with a message instead of a database error; a filter that cannot be
    applied sends the editor back to the whole list, as Django does for unknown filters.
    """

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def action_checkbox(self, obj):
        # Django's markup, without a form widget rendered through the template engine for
        # each row: a fifth of a fifty-row list's time.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(_("Select this object for an action - {}"), str(obj)),
        )

    def get_search_results(self, request, queryset, search_term):
        # PostgreSQL refuses text with NUL characters, and no stored text has one; the change
        # list's search box and the autocomplete endpoints both search through here.
        search_term = search_term.replace("\x00", "")
        return super().get_search_results(request, queryset, search_term)

    def response_action(self, request, queryset, *args, **kwargs):
        if not self.selection_is_valid(request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)):
            self.message_user(
                request,
                "Some of the selected items do not exist. Select them again from the list.",
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
        return super().response_action(request, queryset, *args, **kwargs)

    def selection_is_valid(self, values):
        field = self.model._meta.pk
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        try:
            ids = [field.to_python(value) for value in values]
        except ValidationError:
            return False
        # An empty value passes `to_python` as None but is no id either.
        return all(pk is not None for pk in ids) and all(
            not isinstance(pk, int) or ((low is None or pk >= low) and (high is None or pk <= high))
            for pk in ids
        )
