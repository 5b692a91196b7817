"""Fetch the explorer's vendored JavaScript again from the npm registry and check it.

    python scripts/vendor_js.py          # fetch, verify, compare with the shipped files
    python scripts/vendor_js.py --write  # fetch, verify, replace the shipped files

For each row of ``src/conflictkg/view/static/vendor/VENDOR.tsv`` it runs ``npm pack
NAME@VERSION`` (the ordinary npm client), checks the tarball against the recorded npm
integrity (sha512), takes the recorded file and the package's LICENSE out of it, and checks
the file's sha256. Without ``--write`` it also compares them byte for byte with the shipped
copies; exit code 1 on any difference. To move to a new version, change the version in the
table and run with ``--write``: it replaces the files and records the new integrity and
sha256 in the table (review the diff).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "src" / "conflictkg" / "view" / "static" / "vendor"
TABLE = VENDOR / "VENDOR.tsv"
COLUMNS = ["package", "version", "licence", "file", "saved", "integrity", "sha256"]


def rows() -> list[dict[str, str]]:
    lines = [line for line in TABLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = [line.split("\t") for line in lines if not line.startswith("#")]
    if body[0] != COLUMNS:
        sys.exit(f"{TABLE}: header must be {COLUMNS}")
    return [dict(zip(COLUMNS, fields, strict=True)) for fields in body[1:]]


def fetch(row: dict[str, str], folder: Path) -> tuple[bytes, bytes, str, str]:
    """The file, the licence text, the tarball's integrity and the file's sha256."""
    spec = f"{row['package']}@{row['version']}"
    done = subprocess.run(
        ["npm", "pack", spec, "--silent", "--pack-destination", str(folder)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"npm pack {spec} failed: {done.stderr.strip()}")
    tarball = folder / done.stdout.strip().splitlines()[-1]
    digest = hashlib.sha512(tarball.read_bytes()).digest()
    integrity = "sha512-" + base64.b64encode(digest).decode("ascii")
    with tarfile.open(tarball) as archive:
        names = archive.getnames()
        licence_name = next(
            (n for n in names if n.lower() in ("package/license", "package/license.md")), None
        )
        member = archive.extractfile(f"package/{row['file']}")
        licence = archive.extractfile(licence_name) if licence_name else None
        if member is None or licence is None:
            sys.exit(f"{spec}: no {row['file']} or no LICENSE in the package")
        data, licence_text = member.read(), licence.read()
    return data, licence_text, integrity, hashlib.sha256(data).hexdigest()


def record(row: dict[str, str], integrity: str, sha256: str) -> None:
    """Write the new integrity and sha256 of ``row`` into the table."""
    old = "\t".join(row[c] for c in COLUMNS)
    new = "\t".join({**row, "integrity": integrity, "sha256": sha256}[c] for c in COLUMNS)
    TABLE.write_text(TABLE.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="replace the shipped files")
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows():
            data, licence, integrity, sha256 = fetch(row, Path(tmp))
            name = f"{row['package']}@{row['version']} ({row['licence']})"
            saved = VENDOR / row["saved"]
            licence_path = VENDOR / f"{row['package']}.LICENSE"
            problems = []
            if args.write:
                saved.write_bytes(data)
                licence_path.write_bytes(licence)
                record(row, integrity, sha256)
            else:
                if integrity != row["integrity"]:
                    problems.append(f"tarball integrity {integrity} is not the recorded one")
                if sha256 != row["sha256"]:
                    problems.append(f"{row['file']} has sha256 {sha256}, not the recorded one")
                if not saved.is_file() or saved.read_bytes() != data:
                    problems.append(f"shipped {saved.name} differs from the package's file")
                if not licence_path.is_file() or licence_path.read_bytes() != licence:
                    problems.append(f"shipped {licence_path.name} differs from the package's")
            for problem in problems:
                print(f"{name}: {problem}", file=sys.stderr)
            failures += bool(problems)
            if not problems:
                print(f"{name}: {'written' if args.write else 'verified'} {saved.name} {sha256}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
