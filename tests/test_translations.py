"""Indonesian is the default language: every string a reader or editor sees is translated."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "id" / "LC_MESSAGES"
CATALOGS = sorted(LOCALE.glob("*.po"))


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: p.name)
def test_indonesian_catalog_is_complete(po_path):
    """No untranslated or fuzzy entry is left in the Indonesian catalog."""
    catalog = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: p.name)
def test_compiled_catalog_matches_its_source(po_path):
    """The committed .mo holds exactly the translations of the .po (run `make messages`)."""
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(po_path))}
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    built = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in compiled if e.msgid}
    assert built == source
