"""Storages: private uploads (a local folder or S3-compatible object storage), and production's static files."""

from django.conf import settings
from django.contrib.staticfiles.storage import HashedFilesMixin
from django.core.files.storage import FileSystemStorage, Storage
from django.core.signals import setting_changed
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PortalStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """Hash and compress every file; rewrite references in CSS only.

    Django also rewrites ``//# sourceMappingURL`` comments in JavaScript, and stops
    ``collectstatic`` when the map is missing — as it is for the Redoc bundle of
    drf-spectacular-sidecar. Source maps only matter to developer tools, so JavaScript files are
    hashed but left as they are.
    """

    patterns = tuple(pattern for pattern in HashedFilesMixin.patterns if pattern[0] != "*.js")


def build_private_storage() -> Storage:
    """The storage behind ``PrivateStorage``: ``PORTAL_PRIVATE_STORAGE`` if set, else the local folder.

    ``PORTAL_PRIVATE_STORAGE`` is ``{"BACKEND": "dotted.path", "OPTIONS": {...}}`` — the settings build it for
    S3-compatible object storage (django-storages) when ``PORTAL_S3_BUCKET`` is set.
    """
    config = getattr(settings, "PORTAL_PRIVATE_STORAGE", None)
    if config:
        return import_string(config["BACKEND"])(**config.get("OPTIONS", {}))
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def _delegate(name):
    def method(self, *args, **kwargs):
        return getattr(self.backend, name)(*args, **kwargs)

    method.__name__ = name
    return method


@deconstructible(path="humanrights_portal.core.storage.PrivateStorage")
class PrivateStorage(Storage):
    """Evidence files: kept outside the web root, with no public URL, served only by permission-checked views.

    Every app's ``FileField`` uses an instance (``storage=PrivateStorage()``, so migrations stay as they
    are); the instance hands each call to the configured backend (:func:`build_private_storage`): the folder
    ``PRIVATE_MEDIA_ROOT`` by default, S3-compatible object storage when configured. The backend is built
    when first needed and again whenever ``PRIVATE_MEDIA_ROOT`` or ``PORTAL_PRIVATE_STORAGE`` changes (tests).
    """

    def __init__(self):
        setting_changed.connect(self._setting_changed)

    @cached_property
    def backend(self) -> Storage:
        return build_private_storage()

    def _setting_changed(self, setting, **kwargs):
        if setting in {"PRIVATE_MEDIA_ROOT", "PORTAL_PRIVATE_STORAGE"}:
            self.__dict__.pop("backend", None)

    def __getattr__(self, name):
        # Anything else (``location`` of the folder, ``bucket`` of S3 …) is the backend's.
        if name == "backend" or name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.backend, name)


# The whole public Storage API, handed to the backend.
for _name in (
    "_open",
    "_save",
    "open",
    "save",
    "get_valid_name",
    "get_alternative_name",
    "get_available_name",
    "is_name_available",
    "generate_filename",
    "path",
    "delete",
    "exists",
    "listdir",
    "size",
    "url",
    "get_accessed_time",
    "get_created_time",
    "get_modified_time",
):
    setattr(PrivateStorage, _name, _delegate(_name))
