#!/usr/bin/env python3
"""Make the share-card font: Pretendard GOV Bold subset to KS X 1001 Hangul, ASCII, punctuation.

Run by a maintainer when the font changes, never by the build (the result is committed):

    npm pack pretendard-gov@1.3.9 && tar xzf pretendard-gov-1.3.9.tgz
    .venv/bin/pip install fonttools
    .venv/bin/python scripts/subset-font.py package/dist/public/static/PretendardGOV-Bold.otf

"Pretendard" is a Reserved Font Name under the SIL OFL 1.1, so the subset (a modified
version) is renamed; the licence travels with it in plugins/eduhub/share/fonts/.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT_DIR = Path(__file__).resolve().parent.parent / "plugins" / "eduhub" / "share" / "fonts"
OUT_NAME = "EduhubCard-Bold.otf"
CHARS_NAME = "EduhubCard-Bold.chars.txt"
FAMILY = "EduhubCard"

# Typographic punctuation that turns up in titles and dates, beyond ASCII.
EXTRA = "·‧…–—‘’“”「」『』〈〉《》【】〔〕※○●◎◇◆□■△▲▽▼→←↑↓~∼·℃％．，：；！？（）［］"


def ksx1001_hangul() -> str:
    """The 2,350 Hangul syllables of KS X 1001 (EUC-KR rows 0xB0-0xC8, cells 0xA1-0xFE)."""
    chars = []
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            chars.append(bytes([lead, trail]).decode("euc-kr"))
    assert len(chars) == 2350
    return "".join(chars)


def wanted_text() -> str:
    ascii_printable = "".join(chr(c) for c in range(0x20, 0x7F))
    return ascii_printable + EXTRA + ksx1001_hangul()


def rename(font: TTFont) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 16):
            names.setName(FAMILY, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            names.setName(f"{FAMILY} Bold", 4, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 6:
            names.setName(f"{FAMILY}-Bold", 6, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 3:
            names.setName(
                f"{FAMILY}-Bold (subset of Pretendard GOV 1.3.9)",
                3,
                record.platformID,
                record.platEncID,
                record.langID,
            )
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [f"{FAMILY}-Bold"]
        top = cff.topDictIndex[0]
        top.FullName = f"{FAMILY} Bold"
        top.FamilyName = FAMILY


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="PretendardGOV-Bold.otf from the npm package")
    parser.add_argument("--license", type=Path, help="LICENSE.txt (default: next to dist/)")
    args = parser.parse_args()

    options = subset.Options()
    options.layout_features = ["kern", "liga", "ccmp", "locl"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = True
    font = subset.load_font(str(args.source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=wanted_text())
    subsetter.subset(font)
    rename(font)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    # No timestamps in head: the same source gives the same bytes.
    font["head"].modified = font["head"].created
    font.recalcTimestamp = False
    subset.save_font(font, str(OUT_DIR / OUT_NAME), options)
    # The characters the subset draws: the build checks titles against this list (Pillow
    # cannot tell a missing glyph from a drawn one).
    chars = sorted(chr(c) for c in font.getBestCmap() if chr(c).isprintable())
    (OUT_DIR / CHARS_NAME).write_text("".join(chars), encoding="utf-8")

    license_src = args.license or _find_license(args.source)
    shutil.copyfile(license_src, OUT_DIR / "OFL.txt")
    print(f"{OUT_DIR / OUT_NAME}: {(OUT_DIR / OUT_NAME).stat().st_size} bytes")


def _find_license(source: Path) -> Path:
    for parent in source.resolve().parents:
        candidate = parent / "LICENSE.txt"
        if candidate.exists():
            return candidate
    raise SystemExit("LICENSE.txt not found: pass --license")


if __name__ == "__main__":
    main()
