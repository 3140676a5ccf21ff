from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmbudsmanConfig(AppConfig):
    name = "ombudsman"
    verbose_name = _("Human rights ombudsman")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from humanrights_portal.core import navigation, permissions
        from humanrights_portal.core.models import RightCategory, VulnerableGroup
        from ombudsman import fragments
        from ombudsman.models import Complaint

        # Cached filter forms show handlers (users of a role), rights and groups: forget them on change.
        user_model = get_user_model()
        post_save.connect(fragments.clear_on_user_save, sender=user_model, dispatch_uid="ombudsman-fragments-user")
        post_delete.connect(fragments.clear_all, sender=user_model, dispatch_uid="ombudsman-fragments-user-del")
        m2m_changed.connect(
            fragments.clear_all, sender=user_model.groups.through, dispatch_uid="ombudsman-fragments-roles"
        )
        for model in (Group, RightCategory, VulnerableGroup):
            uid = f"ombudsman-fragments-{model._meta.label_lower}"
            post_save.connect(fragments.clear_all, sender=model, dispatch_uid=uid)
            post_delete.connect(fragments.clear_all, sender=model, dispatch_uid=f"{uid}-del")
        post_save.connect(fragments.clear_counts, sender=Complaint, dispatch_uid="ombudsman-counts-case")
        post_delete.connect(fragments.clear_counts, sender=Complaint, dispatch_uid="ombudsman-counts-case-del")

        navigation.register(
            navigation.NavItem(
                label=_("File a complaint"),
                url_name="ombudsman:complaint-new",
                visible_to=lambda user: True,
                audience="public",
                description=_("Tell the human rights ombudsman about a violation by the city or its agencies."),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Track a complaint"),
                url_name="ombudsman:complaint-track",
                visible_to=lambda user: True,
                audience="public",
                description=_("See the progress of your complaint with its receipt code and secret key."),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Complaint statistics"),
                url_name="ombudsman:public-statistics",
                visible_to=lambda user: True,
                audience="public",
                description=_("Anonymous figures on counselling, complaints and recommendations, year by year."),
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Cases"),
                url_name="ombudsman:case-list",
                visible_to=permissions.can_view_cases,
                audience="staff",
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Counselling"),
                url_name="ombudsman:counselling-list",
                visible_to=permissions.can_handle_complaints,
                audience="staff",
            )
        )
        navigation.register(
            navigation.NavItem(
                label=_("Case statistics"),
                url_name="ombudsman:statistics",
                visible_to=permissions.can_view_case_statistics,
                audience="staff",
            )
        )
