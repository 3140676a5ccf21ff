import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """Services run outside a request, in the default language (Korean); the tests read English."""
    with translation.override("en"):
        yield
