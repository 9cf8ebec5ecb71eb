"""The operator's mapping of page labels to Sourcebook's vocabulary (``mapping.toml``).

The file shipped beside this module is the documented default; ``--mapping FILE`` reads
another one in the same shape. Reading it checks its shape, so a typo in a table's name is a
message naming the file, not a silently ignored table.
"""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

DEFAULT_MAPPING = Path(__file__).with_name("mapping.toml")
SPECIAL_TARGETS = {"@location", "@types", "@aliases", "@ignore"}
TABLES = {"categories", "labels", "types", "wiki_categories", "mediawiki", "text"}
MEDIAWIKI_KEYS = {
    "infobox_prefixes",
    "default_category",
    "ignore_templates",
    "infobox_categories",
    "cite_templates",
}


class MappingError(Exception):
    """The mapping file cannot be used; the message names the file and says why."""


def normal(label):
    """The form labels are compared in: case, spaces and underscores do not count."""
    return " ".join((label or "").replace("_", " ").split()).casefold()


@dataclass
class Mapping:
    categories: dict = field(default_factory=dict)  # normal label -> category slug
    labels: dict = field(default_factory=dict)  # normal label -> FactLabel name or @special
    types: dict = field(default_factory=dict)  # normal label -> type name or @ignore
    wiki_categories: dict = field(default_factory=dict)  # normal name -> category:/type:/@ignore
    infobox_prefixes: list = field(default_factory=lambda: ["infobox"])
    infobox_categories: dict = field(default_factory=dict)  # normal template -> category slug
    default_category: str = ""
    ignore_templates: set = field(default_factory=set)
    cite_templates: dict = field(default_factory=dict)  # normal template -> source kind
    drop_lines: list | None = None
    path: Path | None = None

    def category_slug(self, label):
        return self.categories.get(normal(label))

    def label_target(self, label):
        """What an infobox label becomes: a FactLabel name, an @special, or None (unmapped)."""
        return self.labels.get(normal(label))

    def type_name(self, label):
        return self.types.get(normal(label), label.strip())

    def wiki_category(self, name):
        return self.wiki_categories.get(normal(name))

    def is_infobox(self, template):
        return any(normal(template).startswith(prefix) for prefix in self.infobox_prefixes)

    def cite_kind(self, template):
        return self.cite_templates.get(normal(template))


def load_mapping(path=None):
    """The mapping in the TOML file at ``path`` (the shipped default when None)."""
    path = Path(path) if path else DEFAULT_MAPPING
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MappingError(_("%(file)s: there is no such mapping file.") % {"file": path}) from None
    except (OSError, UnicodeDecodeError) as error:
        raise MappingError(
            _("%(file)s: the mapping file cannot be read (%(error)s).")
            % {"file": path, "error": error}
        ) from error
    except tomllib.TOMLDecodeError as error:
        raise MappingError(
            _("%(file)s: the mapping file is not valid TOML: %(error)s.")
            % {"file": path, "error": error}
        ) from error
    return mapping_from_data(data, path)


def mapping_from_data(data, path):
    def refuse(message):
        raise MappingError(f"{path}: {message}")

    unknown = sorted(set(data) - TABLES)
    if unknown:
        refuse(
            _("unknown table [%(table)s]; the tables are %(tables)s.")
            % {"table": unknown[0], "tables": ", ".join(sorted(TABLES))}
        )
    tables = {}
    for name in ("categories", "labels", "types", "wiki_categories"):
        table = data.get(name, {})
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            refuse(_("[%(table)s] must map names to names in quotes.") % {"table": name})
        tables[name] = {normal(key): value.strip() for key, value in table.items()}
    for label, target in tables["labels"].items():
        if target.startswith("@") and target not in SPECIAL_TARGETS:
            refuse(
                _("the label “%(label)s” maps to %(target)s; use one of %(specials)s or a label.")
                % {"label": label, "target": target, "specials": ", ".join(sorted(SPECIAL_TARGETS))}
            )
    for name, target in tables["wiki_categories"].items():
        if target != "@ignore" and not re.match(r"^(category|type):\S", target):
            refuse(
                _(
                    "the wiki category “%(name)s” maps to “%(target)s”; write "
                    "“category:<slug>”, “type:<name>” or “@ignore”."
                )
                % {"name": name, "target": target}
            )
    mediawiki = data.get("mediawiki", {})
    unknown = sorted(set(mediawiki) - MEDIAWIKI_KEYS)
    if unknown:
        refuse(_("unknown key “%(key)s” in [mediawiki].") % {"key": unknown[0]})
    drop_lines = data.get("text", {}).get("drop_lines")
    if drop_lines is not None:
        for pattern in drop_lines:
            try:
                re.compile(pattern)
            except (re.error, TypeError) as error:
                refuse(
                    _("the drop_lines pattern %(pattern)r is not a regular expression (%(error)s).")
                    % {"pattern": pattern, "error": error}
                )
    return Mapping(
        categories=tables["categories"],
        labels=tables["labels"],
        types=tables["types"],
        wiki_categories=tables["wiki_categories"],
        infobox_prefixes=[normal(p) for p in mediawiki.get("infobox_prefixes", ["Infobox"])],
        infobox_categories={
            normal(k): v for k, v in mediawiki.get("infobox_categories", {}).items()
        },
        default_category=mediawiki.get("default_category", ""),
        ignore_templates={normal(t) for t in mediawiki.get("ignore_templates", [])},
        cite_templates={normal(k): v for k, v in mediawiki.get("cite_templates", {}).items()},
        drop_lines=drop_lines,
        path=path,
    )
