"""Storages: private uploads outside the web root, and the static files of production."""

from django.conf import settings
from django.contrib.staticfiles.storage import HashedFilesMixin
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hash and compress every file; rewrite references in CSS only.

    Django also rewrites ``//# sourceMappingURL`` comments in JavaScript, and stops
    ``collectstatic`` when the map is missing — as it is for the Redoc bundle of
    drf-spectacular-sidecar. Source maps only matter to developer tools, so JavaScript files are
    hashed but left as they are.
    """

    patterns = tuple(pattern for pattern in HashedFilesMixin.patterns if pattern[0] != "*.js")


@deconstructible(path="humanrights_portal.core.storage.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Evidence files live under ``PRIVATE_MEDIA_ROOT``, outside the web root, with no public URL.

    The folder is read from the setting when first needed and again whenever the setting changes
    (tests), like Django's own storage does for ``MEDIA_ROOT``.
    """

    def __init__(self):
        super().__init__(base_url=None)

    @cached_property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
