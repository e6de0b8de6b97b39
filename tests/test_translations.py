"""Indonesian is the default language: every string a reader or editor sees is translated."""

import json
import re
from pathlib import Path

import django_prose_editor
import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
# locale/ is this project's (`make messages`); locale_vendor/ is for third-party strings.
CATALOGS = sorted(
    [*ROOT.glob("locale/id/LC_MESSAGES/*.po"), *ROOT.glob("locale_vendor/id/LC_MESSAGES/*.po")]
)


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: f"{p.parents[2].name}/{p.name}")
def test_indonesian_catalog_is_complete(po_path):
    """No untranslated or fuzzy entry is left in the Indonesian catalog."""
    catalog = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalog.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalog.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("po_path", CATALOGS, ids=lambda p: f"{p.parents[2].name}/{p.name}")
def test_compiled_catalog_matches_its_source(po_path):
    """The committed .mo holds exactly the translations of the .po (run `make messages`)."""
    source = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.pofile(str(po_path))}
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    built = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in compiled if e.msgid}
    assert built == source


def prose_editor_messages():
    """The strings the installed django-prose-editor passes through gettext in its editor."""
    static = Path(django_prose_editor.__file__).parent / "static" / "django_prose_editor"
    found = set()
    for source_map in static.glob("*.js.map"):
        sources = json.loads(source_map.read_text())
        for name, text in zip(sources["sources"], sources["sourcesContent"], strict=True):
            if "node_modules" not in name:
                found.update(re.findall(r'gettext\(\s*"((?:[^"\\]|\\.)*)"', text or ""))
    return found


def test_the_body_editor_dialogs_have_indonesian():
    """Every dialog string of the installed body editor ("Insert Figure", "Edit Link") is here."""
    wanted = prose_editor_messages()
    assert {"Insert Figure", "Image URL", "Edit Link"} <= wanted
    catalog = polib.pofile(str(ROOT / "locale_vendor" / "id" / "LC_MESSAGES" / "djangojs.po"))
    translated = {entry.msgid for entry in catalog.translated_entries()}
    assert sorted(wanted - translated) == []
