"""factory_boy factories. Writes go through the services, as in production."""

import factory

from humanrights_portal.core import services
from humanrights_portal.core.models import Department, User
from humanrights_portal.core.roles import Role

TEST_PASSWORD = "correct-horse-battery-staple"


class DepartmentFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"department-{n}")
    name_ko = factory.Sequence(lambda n: f"시험부서{n}")
    name_en = factory.Sequence(lambda n: f"Test department {n}")
    kind = Department.Kind.BUREAU

    class Meta:
        model = Department

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.department_upsert(**kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    password = TEST_PASSWORD
    roles: list[Role] = []
    display_name = factory.Faker("name", locale="ko_KR")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.go.kr")
    department = None
    is_superuser = False

    class Meta:
        model = User

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.staff_user_upsert(**kwargs)
