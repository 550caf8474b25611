"""
Django's PostgreSQL backend, failing fast while the server is unreachable.

connect_timeout bounds one attempt, but a server that accepts and never answers would still
cost every request those seconds, tying up every worker thread while readers wait for a
503. After a failed connection this process does not try again for
DATABASE_CONNECT_COOLDOWN seconds: requests that need the database get their 503 at once
(filmculture/unavailable.py), pages still in the cache are served, and one request per
cooldown tries again. Only opening connections goes through the breaker; queries on an
open connection are bounded by statement_timeout.
"""

import logging

from django.conf import settings
from django.db.backends.postgresql import base

from filmculture.circuit_breaker import breaker_for

logger = logging.getLogger("filmculture.database")


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        host = f"{self.settings_dict['HOST'] or 'localhost'}:{self.settings_dict['PORT'] or 5432}"
        breaker = breaker_for(
            ("postgresql", host, self.settings_dict["NAME"]),
            f"Database {self.settings_dict['NAME']} at {host}",
            settings.DATABASE_CONNECT_COOLDOWN,
            logger,
        )
        if not breaker.allows():
            raise self.Database.OperationalError(
                f"not connecting to {host} for a few seconds after a failure"
            )
        try:
            connection = super().get_new_connection(conn_params)
        except self.Database.OperationalError as error:
            breaker.failed(error)
            raise
        breaker.succeeded()
        return connection
