"""Static files as production serves them: hashed names from the manifest, compressed copies
(WhiteNoise), and each file's address worked out once per process."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """
    `url()` remembered per name. A process reads the manifest once, when the storage is
    made, so a name's hashed address cannot change while it runs; every page names half a
    dozen files (icons, the style sheet), and looking each up costs tens of microseconds.
    """

    # Names come from templates, not from readers; the bound only guards against a surprise.
    REMEMBERED_AT_MOST = 1000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._addresses = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._addresses[name]
        except KeyError:
            address = super().url(name)
            if len(self._addresses) < self.REMEMBERED_AT_MOST:
                self._addresses[name] = address
            return address
