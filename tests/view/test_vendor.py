"""The explorer's vendored JavaScript is what VENDOR.tsv pins (version, licence, sha256),
and the page loads nothing but its own files."""

from __future__ import annotations

import hashlib
import re

from conflictkg.resources import read_tsv
from conflictkg.view.server import STATIC

VENDOR = STATIC / "vendor"
COLUMNS = ("package", "version", "licence", "file", "saved", "integrity", "sha256")


def test_each_vendored_file_matches_its_pin() -> None:
    rows = [row for _, row in read_tsv(VENDOR / "VENDOR.tsv", COLUMNS)]
    assert [row["package"] for row in rows] == ["cytoscape"]
    for row in rows:
        data = (VENDOR / row["saved"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["saved"]
        assert f'"{row["version"]}"'.encode() in data  # the library's own version string
        assert re.fullmatch(r"sha512-[A-Za-z0-9+/]{86}==", row["integrity"])
        licence = (VENDOR / f"{row['package']}.LICENSE").read_text(encoding="utf-8")
        assert row["licence"] == "MIT" and "Permission is hereby granted" in licence


def test_the_page_loads_only_files_it_ships() -> None:
    page = (STATIC / "explorer.html").read_text(encoding="utf-8")
    loaded = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert loaded, page
    for url in loaded:
        if url.startswith("/static/"):
            assert (STATIC / url.removeprefix("/static/")).is_file(), url
        else:
            assert url == "data:," or url.startswith("/sparql?"), url
    script = (STATIC / "explorer.js").read_text(encoding="utf-8")
    assert "http://" not in script.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in script
