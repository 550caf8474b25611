"""The change lists' bulk actions, safe from hand-made selections."""

from django.contrib import messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpResponseRedirect


class CheckedSelectionMixin:
    """
    A bulk action posted with ids that cannot be ids (letters, numbers past the column's
    range) is refused with a message instead of a database error.
    """

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
        return all(
            not isinstance(pk, int) or ((low is None or pk >= low) and (high is None or pk <= high))
            for pk in ids
        )
