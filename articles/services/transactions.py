from django.db import transaction


def writing():
    """
    The transaction a service writes in. Services check their rules and refuse before they
    enter it, so a refusal never spoils the caller's transaction (the admin goes on to say
    why). Inside a caller's transaction (the admin's request, an import's savepoint per
    file) it adds no savepoint of its own: an error escapes to the caller, whose block
    rolls back. Savepoints on every nested service cost an import a tenth of its time
    (bench/import_articles.py).
    """
    return transaction.atomic(savepoint=False)
