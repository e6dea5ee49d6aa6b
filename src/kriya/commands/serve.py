"""`kriya serve [--open] [--port 8000]`: the live preview at http://127.0.0.1:8000/, in this
process, so it works wherever `kriya` is installed (no `make`, no .venv/bin or
.venv\\Scripts path); `--open` opens the browser once ready. `make serve` runs it too; the
loop itself is `kriya.adapter.serving`."""

from __future__ import annotations

import os


def run(args) -> int:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2
    from ..adapter.serving import serve

    print(
        f"Pratinjau disiapkan di http://127.0.0.1:{args.port}/ (halaman diperbarui sendiri "
        "setiap kali file disimpan). Untuk berhenti: tekan Ctrl+C di jendela ini.",
        flush=True,
    )
    serve(args.root / "mkdocs.yml", args.port, open_browser=args.open)
    return 0
