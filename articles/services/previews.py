"""
Preview links: a signed, expiring address at which someone without an account (an outside
reviewer, a subject checking a quote) reads an essay as it is saved, draft included.

The token signs only the link's id, so revoking or expiring a link is a change to its row
and takes effect at once; a token that does not verify names no link at all. How long a
new link works is the `PREVIEW_LINK_DAYS` option of `settings.FILMCULTURE` (7 by default).
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, PreviewLink
from articles.services.permissions import Action, can
from articles.services.transactions import writing

SALT = "articles.preview-link"


class PreviewLinkRefused(Exception):
    """A preview link that does not open its essay; `str()` gives the reason readers see."""


class PreviewLinkInvalid(PreviewLinkRefused):
    def __init__(self):
        super().__init__("This preview link is not valid. Check that it was copied whole.")


class PreviewLinkRevoked(PreviewLinkRefused):
    def __init__(self, link: PreviewLink):
        self.link = link
        super().__init__("This preview link was withdrawn by the editors.")


class PreviewLinkExpired(PreviewLinkRefused):
    def __init__(self, link: PreviewLink):
        self.link = link
        self.expired_at = link.expires_at
        super().__init__(
            f"This preview link expired on {timezone.localtime(link.expires_at):%B %-d, %Y}."
        )


def preview_link_days() -> int:
    return settings.FILMCULTURE.get("PREVIEW_LINK_DAYS", 7)


def can_share(user, article: Article) -> bool:
    """Whether `user` may hand out a preview link to `article`: its editors, and writers
    who may still edit it."""
    return can(user, Action.EDIT, article) or can(user, Action.PUBLISH)


def can_revoke(user, link: PreviewLink) -> bool:
    """Editors may withdraw any link; anyone else only the links they made."""
    return (
        user is None
        or can(user, Action.PUBLISH)
        or (link.created_by_id is not None and link.created_by_id == user.pk)
    )


def preview_link_create(*, article: Article, by) -> PreviewLink:
    if not can_share(by, article):
        raise PermissionDenied(
            "Only someone who may edit this essay, or an editor, may share a preview of it."
        )
    now = timezone.now()
    with writing():
        return PreviewLink.objects.create(
            article=article,
            created_by=by,
            created_at=now,
            expires_at=now + timedelta(days=preview_link_days()),
        )


def preview_link_revoke(*, link: PreviewLink, by) -> PreviewLink:
    """Withdraw `link` from now on; withdrawing it again changes nothing."""
    if not can_revoke(by, link):
        raise PermissionDenied("Only an editor or the person who made it may revoke this link.")
    if link.revoked_at is not None:
        return link
    link.revoked_at = timezone.now()
    link.revoked_by = by
    with writing():
        link.save(update_fields=["revoked_at", "revoked_by"])
    return link


def _signer():
    # No timestamp in the token: expiry is the row's, so a link's address never changes.
    return signing.Signer(salt=SALT)


def preview_link_token(link: PreviewLink) -> str:
    return _signer().sign_object(link.pk, compress=True)


def preview_link_url(link: PreviewLink) -> str:
    """The link's path; the admin makes it absolute for the request it answers."""
    return reverse("articles:shared_preview", kwargs={"token": preview_link_token(link)})


def preview_link_for_token(token: str) -> PreviewLink:
    """
    The link `token` stands for, with its essay, if it still opens it. Raises
    PreviewLinkInvalid (tampered, or no such link: deleted with its essay), PreviewLinkRevoked
    or PreviewLinkExpired.
    """
    try:
        pk = _signer().unsign_object(token)
    except signing.BadSignature:
        raise PreviewLinkInvalid() from None
    link = PreviewLink.objects.select_related("article").filter(pk=pk).first()
    if link is None:
        raise PreviewLinkInvalid()
    if link.revoked_at is not None:
        raise PreviewLinkRevoked(link)
    if link.expires_at <= timezone.now():
        raise PreviewLinkExpired(link)
    return link


def active_preview_links(article: Article) -> list[PreviewLink]:
    """The links to `article` that still open it, newest first."""
    return list(
        article.preview_links.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("created_by")
        .order_by("-created_at")
    )
