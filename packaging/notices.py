"""Write the licence notices of what the package bundles (scripts/package runs it with the
packaged environment's own Python, so it lists exactly what was installed).

    python packaging/notices.py OUT_DIR

writes ``OUT_DIR/copyright`` (Debian's file: who holds what, under which licence, one
entry per bundled distribution) and ``OUT_DIR/THIRD-PARTY-NOTICES.txt`` (each licence file
the distributions ship, in full). Libraries bundled inside wheels without their own
licence file (Qt inside PySide6, the libraries inside psycopg-binary and pillow) are named
with where their terms are.
"""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path

LICENCE_NAMES = ("LICENSE", "LICENCE", "COPYING", "NOTICE", "AUTHORS")

HEADER = """\
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: agent-console
Comment: Agent Console 坐席控制台. The package bundles a Python environment in
 /opt/agent-console with the distributions listed below; the full text of every
 licence file they ship is in /usr/share/doc/agent-console/THIRD-PARTY-NOTICES.txt
 (and beside each in /opt/agent-console/lib/python3*/site-packages/*.dist-info/).

Files: /opt/agent-console/lib/python3*/site-packages/console/*
 /opt/agent-console/lib/python3*/site-packages/ui/*
 /opt/agent-console/lib/python3*/site-packages/cli/*
 /opt/agent-console/lib/python3*/site-packages/db/*
 /opt/agent-console/lib/python3*/site-packages/reports/*
 /opt/agent-console/lib/python3*/site-packages/resources/*
Copyright: the Agent Console authors, for 泰安安泰燃气有限公司
License: Proprietary
 Not to be redistributed outside the company.

Files: /opt/agent-console/lib/python3*/site-packages/resources/fonts/wqy-microhei.ttc
Copyright: 2008-2009 The WenQuanYi Project Board of Trustees, Qianqian Fang, mozbug;
 2006-2008 Google Corporation, Steve Matteson, Ascender Corp. (Droid fonts);
 2003-2004 Electronic Font Open Laboratory, 1990-2003 Wada Laboratory (Ume-Font punctuation)
License: Apache-2.0 or GPL-3+ with Font exception
 In this package a link to the same file of fonts-wqy-microhei; the console uses it under
 the Apache License 2.0: /usr/share/common-licenses/Apache-2.0.

Files: /opt/agent-console/lib/python3*/site-packages/PySide6/Qt/*
Copyright: The Qt Company Ltd. and other contributors
License: LGPL-3.0-only
 Qt 6 as shipped in the PySide6-Essentials wheel, unmodified, as shared libraries that
 can be replaced. /usr/share/common-licenses/LGPL-3 and GPL-3. Sources:
 https://download.qt.io/official_releases/qt/ and https://code.qt.io/

Files: /opt/agent-console/lib/python3*/site-packages/psycopg_binary.libs/*
Copyright: The PostgreSQL Global Development Group (libpq); The OpenSSL Project
 (libssl, libcrypto); MIT (Kerberos); OpenLDAP Foundation; Carnegie Mellon University
 (Cyrus SASL) and others
License: PostgreSQL and Apache-2.0 and MIT and OLDAP-2.8 and BSD-style
 As listed in the CycloneDX bill of materials of psycopg_binary-*.dist-info/sboms/.

Files: /opt/agent-console/lib/python3*/site-packages/pillow.libs/*
Copyright: the authors of libjpeg, libpng, libtiff, libwebp, freetype, harfbuzz,
 lcms2, openjpeg, zstd, xz, brotli, libavif, libxcb and others
License: various free software licences
 Reproduced in pillow's own LICENSE file (THIRD-PARTY-NOTICES.txt).
"""


def _licence(dist: metadata.Distribution) -> str:
    md = dist.metadata
    expression = md.get("License-Expression")
    if expression:
        return str(expression)
    text = str(md.get("License") or "").strip()
    if text and "\n" not in text and len(text) < 80:
        return text
    classifiers = [
        c.split("::")[-1].strip()
        for c in md.get_all("Classifier") or []
        if c.startswith("License ::")
    ]
    return " or ".join(classifiers) or "see THIRD-PARTY-NOTICES.txt"


def _licence_files(dist: metadata.Distribution) -> list[Path]:
    found = []
    for f in dist.files or []:
        parts = f.parts
        in_dist_info = parts and parts[0].endswith(".dist-info")
        if in_dist_info and ("licenses" in parts or f.name.upper().startswith(LICENCE_NAMES)):
            found.append(Path(str(dist.locate_file(f))))
    return found


def main(out: Path) -> None:
    dists = sorted(metadata.distributions(), key=lambda d: str(d.metadata["Name"]).lower())
    entries, texts = [HEADER], []
    for dist in dists:
        name, version = dist.metadata["Name"], dist.version
        if name == "agent-console":
            continue
        author = dist.metadata.get("Author") or dist.metadata.get("Author-email") or "its authors"
        entries.append(
            f"Files: /opt/agent-console/lib/python3*/site-packages/ ({name} {version})\n"
            f"Copyright: {' '.join(str(author).split())}\n"
            f"License: {_licence(dist)}\n"
        )
        for path in _licence_files(dist):
            texts.append(
                f"{'=' * 78}\n{name} {version}: {path.name}\n{'=' * 78}\n"
                + path.read_text(encoding="utf-8", errors="replace")
            )
    out.mkdir(parents=True, exist_ok=True)
    (out / "copyright").write_text("\n".join(entries), encoding="utf-8")
    (out / "THIRD-PARTY-NOTICES.txt").write_text("\n\n".join(texts), encoding="utf-8")
    print(f"notices: {len(dists) - 1} distributions, {len(texts)} licence files", file=sys.stderr)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
