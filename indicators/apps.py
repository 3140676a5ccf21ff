from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Human rights indicators")

    def ready(self) -> None:
        from humanrights_portal.core import navigation, permissions

        navigation.register(
            navigation.NavItem(
                label=_("Human rights indicators"),
                url_name="indicators:framework-list",
                visible_to=lambda user: True,
                audience="public",
                description=_("How the city measures human rights year by year, and where it stands."),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Indicator data"),
                url_name="indicators:entry",
                visible_to=permissions.can_import_measurements,
                audience="staff",
            )
        )
