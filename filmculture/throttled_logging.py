"""
Logging for failing dependencies: once per interval with a count, not once per request.

A dead Redis or database fails every request; a line per request buries everything else
and fills the disk (the soak test in issue 10 wrote 891,000 lines in 20 s). LOGGING
attaches `OncePerInterval` to the loggers of the failing parts (settings.py).
"""

import logging
import threading
import time

from django.utils.module_loading import import_string


class OncePerInterval(logging.Filter):
    """
    Let the first record of a kind through, then at most one per `seconds`, telling how many
    were held back since the last one. A kind is the logger, the level and the message's
    format string, not its arguments: "cache unreachable: %s" is one kind whatever the error
    text. `when` (a dotted path to a function of the record) limits throttling to the
    records it accepts; others pass untouched.

    Held-back records are only counted; the count is reported with the next record of the
    kind that gets through, so a failure that stops is not reported again.
    """

    def __init__(self, seconds=60, when=None):
        super().__init__()
        self.seconds = seconds
        self.when = import_string(when) if isinstance(when, str) else when
        self._lock = threading.Lock()
        self._kinds = {}  # kind -> [when last let through, how many held back since]

    def clock(self):
        return time.monotonic()

    def filter(self, record):
        if self.when is not None and not self.when(record):
            return True
        kind = (record.name, record.levelno, str(record.msg))
        now = self.clock()
        with self._lock:
            seen = self._kinds.get(kind)
            if seen is not None and now - seen[0] < self.seconds:
                seen[1] += 1
                return False
            held_back, since = (seen[1], now - seen[0]) if seen else (0, 0)
            self._kinds[kind] = [now, 0]
        if held_back:
            record.msg = f"{record.msg} [{held_back} more like this in the last {since:.0f} s]"
        return True
