"""Read an Anki package back the way Anki does: a zip holding an SQLite collection.anki2."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ReadNote:
    guid: str
    model: str
    fields: dict[str, str]
    tags: tuple[str, ...]
    sort: str


@dataclass(frozen=True)
class Package:
    names: tuple[str, ...]
    decks: dict[int, str]  # id -> name (without Anki's "Default")
    models: dict[int, tuple[str, tuple[str, ...]]]  # id -> name, field names
    notes: tuple[ReadNote, ...]
    cards: tuple[tuple[str, int], ...]  # (note guid, deck id)

    def by_id(self) -> dict[str, ReadNote]:
        return {note.fields["Id"]: note for note in self.notes}


def read_apkg(path: Path, scratch: Path) -> Package:
    with zipfile.ZipFile(path) as apkg:
        assert apkg.testzip() is None
        names = tuple(apkg.namelist())
        assert json.loads(apkg.read("media")) == {}
        apkg.extract("collection.anki2", scratch)
    conn = sqlite3.connect(scratch / "collection.anki2")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        models_json, decks_json = conn.execute("SELECT models, decks FROM col").fetchone()
        models = {
            int(mid): (m["name"], tuple(f["name"] for f in m["flds"]))
            for mid, m in json.loads(models_json).items()
        }
        decks = {
            int(did): d["name"]
            for did, d in json.loads(decks_json).items()
            if d["name"] != "Default"
        }
        notes = []
        for guid, mid, tags, flds, sfld in conn.execute(
            "SELECT guid, mid, tags, flds, sfld FROM notes ORDER BY id"
        ):
            name, field_names = models[mid]
            values = flds.split("\x1f")
            assert len(values) == len(field_names)
            notes.append(
                ReadNote(
                    guid,
                    name,
                    dict(zip(field_names, values, strict=True)),
                    tuple(tags.split()),
                    str(sfld),
                )
            )
        cards = tuple(
            conn.execute(
                "SELECT notes.guid, cards.did FROM cards JOIN notes ON cards.nid = notes.id"
            )
        )
    finally:
        conn.close()
    return Package(names, decks, models, tuple(notes), cards)
