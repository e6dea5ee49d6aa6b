"""`kriya serve [--open] [--port 8000]`: the live preview (`mkdocs serve --dirty`) at
http://127.0.0.1:8000/, in this process, so it works wherever `kriya` is installed (no
`make`, no .venv/bin or .venv\\Scripts path); `--open` opens the browser once ready."""

from __future__ import annotations

import os


def arguments(args) -> list[str]:
    line = ["serve", "--dirty", "-a", f"127.0.0.1:{args.port}"]
    line += ["-f", str(args.root / "mkdocs.yml")]
    return [*line, "--open"] if args.open else line


def run(args) -> int:
    os.environ["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner about MkDocs 2
    from mkdocs.__main__ import cli

    print(
        f"Pratinjau disiapkan di http://127.0.0.1:{args.port}/ (halaman diperbarui sendiri "
        "setiap kali file disimpan). Untuk berhenti: tekan Ctrl+C di jendela ini.",
        flush=True,
    )
    cli.main(args=arguments(args), prog_name="kriya serve", standalone_mode=False)
    return 0
