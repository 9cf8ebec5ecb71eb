"""Who may do what to profiles. The views, the admin and the actions in profiles.services ask
here, so that a check is stated once whoever calls. (Reviewing suggestions is
editorial.permissions' question.)"""


def can_edit_profiles(user):
    """Editors (active staff who may change profiles) write profiles and see unpublished drafts."""
    return is_active_staff(user) and user.has_perm("profiles.change_profile")


def can_revert(user):
    """Editors who may revert a profile to an old revision and recover a deleted one."""
    return is_active_staff(user) and user.has_perm("profiles.revert_profile")


def can_redact(user):
    """Editors trusted to hide a revision's text, comment or author from the public (and to
    show it again): a separate permission, not part of the Editors group."""
    return is_active_staff(user) and user.has_perm("profiles.redact_revision")


def is_active_staff(user):
    return bool(user is not None and user.is_active and user.is_staff)


def can_import_pages(user):
    """Editors who may create profiles and sources bring pages in ("Import pages" in the
    admin; the management command is the operator's and asks nobody)."""
    return (
        is_active_staff(user)
        and user.has_perm("profiles.add_profile")
        and user.has_perm("profiles.change_profile")
        and user.has_perm("profiles.add_source")
    )
