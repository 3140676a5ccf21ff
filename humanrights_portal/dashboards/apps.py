from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    """The committee and public dashboards, the links across the four apps, the annual report."""

    name = "humanrights_portal.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards and reports")

    def ready(self) -> None:
        from humanrights_portal.core import navigation

        navigation.register(
            navigation.NavItem(
                label=_("Human rights in figures"),
                url_name="dashboards:public",
                visible_to=lambda user: True,
                audience="public",
                description=_("Plans, indicators, complaints and impact assessments at a glance, year by year."),
            )
        )
