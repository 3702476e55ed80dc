"""Fill the Chinese translation file from a table of (context, source) → text.

    .venv/bin/python scripts/translate.py TABLE.py

TABLE.py defines ``ZH = {(context, source): translation}``. Only messages still marked
unfinished are filled; numerus messages get the one Chinese plural form. Run
``pyside6-lupdate`` before and ``pyside6-lrelease`` after.
"""

from __future__ import annotations

import runpy
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "agent_console_zh_CN.ts"


def main(table: str) -> int:
    zh: dict[tuple[str, str], str] = runpy.run_path(table)["ZH"]
    tree = ET.parse(TS)
    missing = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for m in ctx.iter("message"):
            tr = m.find("translation")
            if tr is None or tr.get("type") != "unfinished":
                continue
            source = m.findtext("source") or ""
            text = zh.get((name, source))
            if text is None:
                missing.append((name, source))
                continue
            del tr.attrib["type"]
            if m.get("numerus") == "yes":
                tr.text = None
                for child in list(tr):
                    tr.remove(child)
                ET.SubElement(tr, "numerusform").text = text
            else:
                tr.text = text
    ET.indent(tree, space="    ")
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    for name, source in missing:
        print(f"untranslated: {name}: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
