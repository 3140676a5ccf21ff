from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True  # apps.py holds two configs; INSTALLED_APPS names the package
    name = "humanrights_portal.core"
    label = "core"
    verbose_name = _("Portal core")

    def ready(self):
        from humanrights_portal.core import signals  # noqa: F401 - connects the receivers


class PortalStaticFilesConfig(StaticFilesConfig):
    """``collectstatic`` without the parts of krds-uiux the portal does not serve.

    The package ships its SCSS sources, a CDN bundle and ``css/component/component.css``, an
    intermediate file whose ``url()`` references point at images the package does not contain;
    the manifest storage of production would refuse to collect it. The portal serves the built
    ``css/component/output.css`` (docs/adr/0004-front-end-assets.md).
    """

    ignore_patterns = [*StaticFilesConfig.ignore_patterns, "component.css", "scss", "cdn", "*.scss"]
