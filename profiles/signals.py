"""Signals other apps listen to; profiles itself imports none of its listeners.

``profile_written`` is sent by profiles.services.save_profile inside its transaction, after a
revision of the profile has been written (by the admin, the workspace, an approval, a revert,
a recovery or an importer), with ``profile``. The editorial app listens to it to re-check
its pending suggestions against the new text.
"""

from django.dispatch import Signal

profile_written = Signal()
