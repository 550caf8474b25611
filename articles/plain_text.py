"""
What editor text may contain. Control characters other than tab and line breaks are never
meant (they arrive pasted from word processors and PDFs), browsers show them as boxes, and
XML 1.0 cannot carry them at all: one in a title would stop every feed listing that essay.
The services tidy editor text with `tidy` before it is stored, so every output can trust it.
"""

import re

from django.db import models

UNCARRIABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def tidy(text):
    """`text` without the characters no output can carry (a form feed becomes a space)."""
    if not isinstance(text, str):
        return text
    return UNCARRIABLE.sub(lambda m: " " if m.group() in "\x0b\x0c" else "", text)


def tidy_fields(instance):
    """Tidy every text field of a model instance in place; returns the instance."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            setattr(instance, field.attname, tidy(getattr(instance, field.attname)))
    return instance
