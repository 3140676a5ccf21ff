from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImpactConfig(AppConfig):
    name = "impact"
    verbose_name = _("Human rights impact assessments")

    def ready(self) -> None:
        from humanrights_portal.core import navigation, permissions

        navigation.register(
            navigation.NavItem(
                label=_("Impact assessments"),
                url_name="impact:assessment-list",
                visible_to=lambda user: True,
                audience="public",
                description=_(
                    "How ordinances, policies, public buildings and events are checked"
                    " for their effect on human rights."
                ),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Assessment checklists"),
                url_name="impact:template-list",
                visible_to=permissions.can_manage_checklists,
                audience="staff",
            )
        )
