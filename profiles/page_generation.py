"""The page cache's generation: one token that every cached page's key carries, replaced by
every write of something a public page shows, so that the next request misses and renders
afresh. Replacing one token is cheaper and safer than finding every page a write touches: a
shared source shows on every citing profile, a rename changes the links of every profile that
mentions it, a user's name shows in histories.

The token is new at random each time (not a counter): two processes replacing it at once can
never land on a value a page was cached under.
"""

from uuid import uuid4

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "page-generation"
# Replaced only when a vocabulary's names change: the stored article fragments
# (profiles.fragments) depend on these and otherwise on their own profile's rows.
VOCABULARY_KEY = "vocabulary-generation"
VOCABULARIES = {
    "profiles.category",
    "profiles.profiletype",
    "profiles.factlabel",
    "profiles.relationshiptype",
}
CACHE_ALIAS = "pages"

# Models of the apps whose rows public pages show, except the bookkeeping ones.
PUBLIC_APPS = {"profiles", "reversion"}
NOT_SHOWN = {"profiles.recurringtask"}


def page_cache():
    return caches[CACHE_ALIAS]


def current_generation(key=GENERATION_KEY):
    """The token pages are cached under now (a new one if the cache lost it)."""
    cache = page_cache()
    generation = cache.get(key)
    if generation is None:
        cache.add(key, uuid4().hex, timeout=None)
        generation = cache.get(key)
    return generation


def vocabulary_generation():
    return current_generation(VOCABULARY_KEY)


def new_generation():
    page_cache().set(GENERATION_KEY, uuid4().hex, timeout=None)


def new_vocabulary_generation():
    page_cache().set(VOCABULARY_KEY, uuid4().hex, timeout=None)


def shown_on_public_pages(model, update_fields=None):
    label = model._meta.label_lower
    if label == "auth.user":  # names show in histories; a login only stamps last_login
        return not (update_fields and set(update_fields) <= {"last_login"})
    return model._meta.app_label in PUBLIC_APPS and label not in NOT_SHOWN


def page_data_changed(sender, update_fields=None, **kwargs):
    """A row that a public page shows was written: pages cached so far are out of date.

    The token is replaced at once (a reader inside the same transaction, as in tests, sees
    the change) and again when the transaction commits: a reader in another process that
    rendered the old rows between the first replacement and the commit cached its page under
    the first new token, which the second one retires.
    """
    if not shown_on_public_pages(sender, update_fields):
        return
    replace(new_generation)
    if sender._meta.label_lower in VOCABULARIES:
        replace(new_vocabulary_generation)


def replace(new_token):
    new_token()
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if not any(callback is new_token for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(new_token)


def keep_pages_fresh():
    """Connect every write signal of the models public pages show (ProfilesConfig.ready)."""
    user_model = apps.get_model("auth", "User")
    for model in [*apps.get_models(), user_model]:
        if shown_on_public_pages(model):
            uid = f"page-generation-{model._meta.label_lower}"
            post_save.connect(page_data_changed, sender=model, dispatch_uid=uid + "-save")
            post_delete.connect(page_data_changed, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(page_data_changed_m2m, dispatch_uid="page-generation-m2m")


def page_data_changed_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and shown_on_public_pages(type(instance)):
        page_data_changed(type(instance))


def until_next_write(key, compute):
    """compute()'s result, kept in the page cache until the next write of public data: for
    work that depends on stored rows only (a diff of two revisions), shared by every viewer
    and every worker process."""
    key = f"{key}:{current_generation()}"
    value = page_cache().get(key)
    if value is None:
        value = compute()
        page_cache().set(key, value, settings.PAGE_CACHE_SECONDS)
    return value
