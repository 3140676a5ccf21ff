from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Human rights plans")

    def ready(self) -> None:
        from humanrights_portal.core import navigation, permissions

        navigation.register(
            navigation.NavItem(
                label=_("Human rights plans"),
                url_name="plans:plan-list",
                visible_to=lambda user: True,
                audience="public",
                description=_("The city's human rights basic plans and how their policy tasks are progressing."),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Annual reporting"),
                url_name="plans:reporting",
                visible_to=permissions.can_report_on_tasks,
                audience="staff",
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Human rights committee"),
                url_name="plans:committee-list",
                visible_to=permissions.is_staff_member,
                audience="staff",
            )
        )
