"""The licence of the site's content, as settings.CONTENT_LICENSE states it (see
config.settings.env_content_license): shown in the footer, the API, the exports and /data/."""

from dataclasses import asdict, dataclass

from django.conf import settings


@dataclass(frozen=True)
class ContentLicense:
    id: str  # the SPDX identifier, e.g. "CC-BY-SA-4.0"; may be empty for a licence without one
    name: str  # what people call it, e.g. "CC BY-SA 4.0"
    url: str

    def as_data(self):
        """For JSON: {"id": ..., "name": ..., "url": ...}."""
        return asdict(self)


def content_license():
    return ContentLicense(**settings.CONTENT_LICENSE)
