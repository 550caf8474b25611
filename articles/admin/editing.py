"""
Keeping an editor's work while they type: autosave into a slot per person and essay, and
the "X is also editing this essay" notice (a light heartbeat). `urls(model_admin)` adds
the endpoints to the essay admin; `context(request, article)` what the change form needs.
"""


def urls(model_admin):
    return []


def context(request, article):
    return {}
