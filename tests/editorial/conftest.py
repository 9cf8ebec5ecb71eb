import pytest
from django.core.cache import cache

from tests.factories import make_profile, make_source


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters in the cache must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def profile(db):
    """A published profile with an introduction and two sections of two paragraphs each."""
    return make_profile(
        "Harbor Literacy Fund",
        lead="The Harbor Literacy Fund runs reading programs in Port Verity.[^first]",
        body=(
            "## Background\n\n"
            "It began in a library basement in 2004.[^first] Volunteers ran it for a decade.\n\n"
            "Its first grant came from a local credit union.[^first]\n\n"
            "## Programs\n\n"
            "It runs evening classes for adults. Classes meet twice a week.[^second]\n\n"
            "A summer program serves about 300 children.[^second]"
        ),
        location="Port Verity, Eastmark",
        citations={"first": make_source(), "second": make_source()},
    )
