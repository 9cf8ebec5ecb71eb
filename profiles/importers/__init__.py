"""Bringing existing pages in: profile pages copied as text, MediaWiki dumps, source lists.

One job per module:

- ``parsed``: what every reader produces (``ParsedPage``, ``ParsedReference``, ``Problem``)
  and the helpers they share (dates, readable citation keys, Markdown escaping);
- ``text``: a saved profile page as plain text (``parse_text_page``);
- ``mediawiki``: an XML dump, streamed (mwxml), wikitext read with mwparserfromhell;
- ``sources_csv``: a spreadsheet of sources;
- ``files``: reading a file safely (size, encoding, NUL characters) and finding the pages;
- ``mapping``: the operator's label, template and category mapping (``mapping.json``);
- ``runner``: the dry run, the real run, ``--update``, the summary and the progress, shared by
  the management commands and the admin's "Import pages" page.

Readers never touch the database; the runner writes through ``profiles.services`` only.
"""
