"""Render one card of an exported .apkg as Anki shows it, to a PNG (for the README).

Imports the package into a temporary collection with the official ``anki`` library, takes the
card's answer side (question + back, as Anki's reviewer builds it) and screenshots it in
headless Chromium, with MathJax from a local copy (``npm install mathjax@3``) since Anki's own
MathJax ships with the desktop app, not the library.

    python tools/render_anki_card.py deck.apkg dws-ratio-cloze docs/anki-card.png \
        --mathjax node_modules/mathjax/es5/tex-chtml.js
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("apkg")
    ap.add_argument("card_id", help="the quizcnn card id (the note's Id field)")
    ap.add_argument("png")
    ap.add_argument("--mathjax", required=True, help="path to MathJax 3's tex-chtml.js")
    ap.add_argument("--size", default="760,560")
    a = ap.parse_args()

    from anki.collection import Collection, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageOptions

    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(str(Path(tmp) / "c.anki2"))
        try:
            col.import_anki_package(ImportAnkiPackageRequest(
                package_path=str(Path(a.apkg).resolve()),
                options=ImportAnkiPackageOptions(with_scheduling=False)))
            card = col.get_card(col.find_cards(f"Id:{a.card_id}")[0])
            html = card.answer()
        finally:
            col.close()
        mj = Path(a.mathjax).resolve().as_uri()
        page = Path(tmp) / "card.html"
        page.write_text(
            "<!doctype html><html><head><meta charset=utf-8><script>window.MathJax={tex:"
            "{inlineMath:[['\\\\(','\\\\)']],displayMath:[['\\\\[','\\\\]']]}};</script>"
            f'<script src="{mj}"></script><style>body{{margin:0;padding:20px 28px}}'
            ".cloze{font-weight:bold;color:#1b5fa8}</style></head>"
            f'<body class="card">{html}</body></html>', encoding="utf-8")
        subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tmp}/chrome", "--allow-file-access-from-files",
             "--virtual-time-budget=5000", f"--window-size={a.size}",
             f"--screenshot={Path(a.png).resolve()}", page.as_uri()],
            check=True, capture_output=True)


if __name__ == "__main__":
    main()
