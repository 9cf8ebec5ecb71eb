"""Who may review suggestions, and the Editors group that holds that right.

``can_review`` is the only definition of a reviewer: approve, reject and mark as spam
(editorial.services), the admin's review desk and its template tag all ask it.
"""

from functools import reduce
from operator import or_

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

EDITORS_GROUP = "Editors"

EDITOR_PERMISSIONS = {
    "profiles": [
        "profile",
        "fact",
        "citation",
        "source",
        "formerslug",
        "relationship",
        "relationshipcitation",
    ],
    "editorial": ["suggestion"],
}
EXTRA_PERMISSIONS = [
    ("editorial", "review_suggestion"),
    ("profiles", "revert_profile"),
    ("profiles", "view_category"),
    ("profiles", "view_profiletype"),
    ("profiles", "add_profiletype"),
    ("profiles", "view_factlabel"),
    ("profiles", "view_relationshiptype"),
    # The dead-links list (a proxy of Source): seeing it, and acting on the links in it.
    ("profiles", "view_deadlink"),
    ("profiles", "change_deadlink"),
]


def editors_group():
    """Create the Editors group if needed and give it exactly the editors' permissions."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    codenames = [
        (app, f"{action}_{model}")
        for app, models in EDITOR_PERMISSIONS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ] + EXTRA_PERMISSIONS
    wanted = reduce(or_, (Q(content_type__app_label=app, codename=code) for app, code in codenames))
    group.permissions.set(Permission.objects.filter(wanted))
    return group


def can_review(user):
    """Active staff with the review permission (the Editors group) decide on suggestions."""
    return bool(
        user is not None
        and user.is_active
        and user.is_staff
        and user.has_perm("editorial.review_suggestion")
    )
