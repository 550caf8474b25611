"""The essay admin's extra pages, as views bound to it."""

from django.views.decorators.http import require_POST


def essay_view(model_admin, view, *, post_only=False):
    """`view(model_admin, request, **url_kwargs)` as an admin view of `model_admin`."""

    def bound(request, **kwargs):
        return view(model_admin, request, **kwargs)

    return model_admin.admin_site.admin_view(require_POST(bound) if post_only else bound)
