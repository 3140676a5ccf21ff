import pytest

from ombudsman import fragments


@pytest.fixture(autouse=True)
def _fresh_fragments():
    """Each test starts without the rendered filter and action forms another test left in memory."""
    fragments.clear_all()
    yield
    fragments.clear_all()
