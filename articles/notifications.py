"""
Emails about the workflow, sent by the workflow services once their change is committed:
a submission tells the editors, a send-back or a publication tells the essay's owner.
Django's email framework: the console backend in development, SMTP from the environment
in production (docs/deploy.md).
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse

from articles.services.permissions import PUBLISH

logger = logging.getLogger(__name__)


def _admin_url(article):
    return _absolute(reverse("admin:articles_article_change", args=[article.pk]))


def _absolute(path):
    return f"{settings.FILMCULTURE['SITE_URL'].rstrip('/')}{path}"


def _name(user):
    if user is None:
        return "The system"
    return user.get_full_name() or user.get_username()


def editors():
    """Active users who may publish and have an email address."""
    app_label, codename = PUBLISH.split(".")
    by_user = {
        "user_permissions__codename": codename,
        "user_permissions__content_type__app_label": app_label,
    }
    by_group = {
        "groups__permissions__codename": codename,
        "groups__permissions__content_type__app_label": app_label,
    }
    may_publish = Q(is_superuser=True) | Q(**by_user) | Q(**by_group)
    return (
        get_user_model()
        .objects.filter(may_publish, is_active=True)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _send(subject, body, recipients):
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return 0
    site = settings.FILMCULTURE["SITE_NAME"]
    try:
        return send_mail(f"[{site}] {subject}", body, None, recipients)
    except Exception:
        # The change is committed; a mail server that is down must not turn it into an error.
        logger.exception("Could not send “%s” to %s", subject, recipients)
        return 0


def essay_submitted(*, article, by):
    body = (
        f"{_name(by)} submitted “{article.title}” for review.\n\nReview it: {_admin_url(article)}\n"
    )
    if article.suggested_published_at:
        body += f"Suggested publication date: {article.suggested_published_at:%Y-%m-%d %H:%M}\n"
    recipients = [user.email for user in editors() if by is None or user.pk != by.pk]
    return _send(f"In review: {article.title}", body, recipients)


def _owner_address(article, by):
    owner = article.owner
    if owner is None or not owner.email or (by is not None and owner.pk == by.pk):
        return []
    return [owner.email]


def essay_sent_back(*, article, by, comment):
    body = (
        f"{_name(by)} sent “{article.title}” back to you with this comment:\n\n"
        f"{comment.strip()}\n\nRevise it: {_admin_url(article)}\n"
    )
    return _send(f"Sent back: {article.title}", body, _owner_address(article, by))


def essay_published(*, article, by):
    """Published now, or scheduled: the owner learns when readers will see it."""
    url = _absolute(article.get_absolute_url())
    if article.is_scheduled:
        when = f"{article.published_at:%Y-%m-%d %H:%M %Z}"
        subject = f"Scheduled: {article.title}"
        body = f"{_name(by)} scheduled “{article.title}” for {when}.\n\nIt will be at {url}\n"
    else:
        subject = f"Published: {article.title}"
        body = f"{_name(by)} published “{article.title}”.\n\nReaders see it at {url}\n"
    return _send(subject, body, _owner_address(article, by))
