"""Signal receivers of the kernel: the cached signed-in users (``core.backends``) forgotten on change."""

from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from humanrights_portal.core.backends import forget_user
from humanrights_portal.core.models import User


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def forget_changed_user(sender, instance, **kwargs):
    forget_user(instance.pk)


@receiver(m2m_changed, sender=User.groups.through)
def forget_users_whose_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if not action.startswith(("post_", "pre_clear")):
        return
    if not reverse:  # user.groups.add/remove/set/clear
        forget_user(instance.pk)
    elif action == "pre_clear":  # group.user_set.clear(): the members are gone after it
        forget_user(*instance.user_set.values_list("pk", flat=True))
    else:  # group.user_set.add/remove
        forget_user(*(pk_set or ()))


@receiver(pre_save, sender=Group)
@receiver(pre_delete, sender=Group)
def forget_members_of_changed_group(sender, instance, **kwargs):
    """A group's name is a role: renaming or deleting it changes its members' roles."""
    if instance.pk is not None:
        forget_user(*instance.user_set.values_list("pk", flat=True))
