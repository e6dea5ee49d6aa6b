"""The `kriya` command (console script and `python -m kriya`), scripts/ run with a Python
that lacks Kriya, and the starters for Windows (Mulai-Kriya.cmd) and macOS/Linux (./kriya),
all without make."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
import venv
from pathlib import Path

from conftest import KRIYA, NOW, ROOT, start_serve


def kriya(*args: str, cwd: Path, now: str = NOW):
    return subprocess.run(
        [str(KRIYA), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "KRIYA_NOW": now},
        timeout=300,
    )


def test_check_with_the_console_script_says_why_each_item_is_held(fixture_copy, tmp_path):
    done = kriya("check", "--root", str(fixture_copy), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert out.startswith("Konten OK: 3 berita dan 3 produk terbit.\n6 tidak tampil")
    assert (
        "- content/news/2025-12-01-draf-uji.md: draf: tidak akan terbit walau tanggalnya tiba; "
        "ganti ke draft: false agar terbit pada tanggalnya" in out
    )
    assert (
        "- content/news/2026-12-25-masa-depan-uji.md: terjadwal: terbit otomatis Jumat, "
        "25 Desember 2026 pukul 00.00 WIB" in out
    )
    assert "content/products/promo-habis.md: kedaluwarsa: tidak tampil lagi sejak" in out
    # drafts first, then scheduled, then expired
    assert out.index("draf-uji") < out.index("masa-depan-uji") < out.index("promo-habis")


def test_python_m_kriya_finds_the_project_from_a_subfolder(fixture_copy):
    """No --root: the nearest folder with mkdocs.yml above the current one, as git does."""
    inside = fixture_copy / "content" / "news"
    made = subprocess.run(
        [sys.executable, "-m", "kriya", "new", "berita", "Pengumuman: Pameran"],
        cwd=inside,
        capture_output=True,
        text=True,
        env={**os.environ, "KRIYA_NOW": NOW},
    )
    assert made.returncode == 0, made.stdout + made.stderr
    path = "content/news/2026-11-20-pengumuman-pameran.md"
    assert made.stdout.startswith(f"Dibuat: {path} (masih draf: draft: true).")
    assert "kriya check" in made.stdout and "make" not in made.stdout
    text = (fixture_copy / path).read_text(encoding="utf-8")
    assert "tidak akan terbit walau tanggalnya tiba" in text  # the draft line's comment
    assert "`2025-09-23 08.30`" in text  # the date line's comment shows a time
    assert kriya("check", cwd=inside).returncode == 0


def test_outside_a_project_and_wrong_command_lines_are_told_in_indonesian(tmp_path):
    nowhere = kriya("check", cwd=tmp_path)
    assert nowhere.returncode == 1
    assert "Folder proyek tidak ditemukan" in nowhere.stdout
    for args in (("new",), ("kirim",), ("new", "artikel", "Judul")):
        wrong = kriya(*args, cwd=tmp_path)
        assert wrong.returncode == 2
        assert "Perintah tidak lengkap atau salah" in wrong.stderr
        assert 'kriya new news "Judul berita"' in wrong.stderr
        assert "Traceback" not in wrong.stderr


def test_a_script_run_with_a_python_without_kriya_says_what_to_run(tmp_path):
    """`python scripts/new.py` with Windows' or the system's Python: an Indonesian message
    with the command line to use, not ModuleNotFoundError."""
    bare = tmp_path / "bare"
    venv.create(bare, with_pip=False)
    python = bare / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    done = subprocess.run(
        [str(python), str(ROOT / "scripts" / "new.py"), "news", "Pengumuman: Pameran"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "ModuleNotFoundError" not in done.stderr
    assert "Perintah ini perlu Python milik proyek (folder .venv)" in done.stderr
    assert ".venv/bin/kriya new news 'Pengumuman: Pameran'" in done.stderr
    assert "./kriya" in done.stderr


def test_the_message_for_windows_names_the_starter_and_windows_paths(monkeypatch):
    sys.path.insert(0, str(ROOT / "scripts"))
    import _common

    monkeypatch.setattr(_common.os, "name", "nt")
    said = _common.instead("new", ["news", "Judul berita"])
    assert '.venv\\Scripts\\kriya new news "Judul berita"' in said
    assert "klik dua kali Mulai-Kriya.cmd" in said


def test_serve_starts_without_the_editor_packages_and_marks_scheduled_items(fixture_copy):
    """A writer's PC has no npm: the preview runs without the browser editor's packages,
    and a scheduled item's banner says when it will appear."""
    settings = fixture_copy / "mkdocs.yml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace(
            "  - kriya:\n",
            "  - kriya:\n      admin_repo: dinas/situs\n      cms_packages: tidak-ada\n",
        ),
        encoding="utf-8",
    )
    server, port = start_serve(fixture_copy)
    try:
        html = ""
        for _ in range(120):
            try:
                address = f"http://127.0.0.1:{port}/berita/masa-depan-uji/"
                with urllib.request.urlopen(address, timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.5)
        assert html, server.communicate(timeout=10)[0] if server.poll() is not None else ""
        assert re.search(
            r"PRATINJAU: terjadwal: terbit otomatis Jumat, 25 Desember 2026 pukul 00\.00 WIB", html
        )
    finally:
        server.send_signal(signal.SIGINT)  # Ctrl+C
        out = server.communicate(timeout=30)[0]
    assert server.returncode == 0
    assert out.startswith(f"Pratinjau disiapkan di http://127.0.0.1:{port}/")
    assert "Traceback" not in out


# The starters. Mulai-Kriya.cmd cannot run here: its text is checked for what it must do.

CMD = ROOT / "Mulai-Kriya.cmd"


def test_the_windows_starter_sets_up_once_then_offers_the_commands():
    raw = CMD.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")  # cmd.exe wants CRLF line ends
    text = raw.decode("ascii")
    lines = [line.strip() for line in text.splitlines()]
    assert 'cd /d "%~dp0"' in lines  # runs in the project folder wherever it is opened from
    # setup only when the locked packages or the project changed since the last one
    assert "fc /b requirements.lock .venv\\kriya-requirements.lock >nul 2>&1 || goto setup" in text
    assert "fc /b pyproject.toml .venv\\kriya-pyproject.toml >nul 2>&1 || goto setup" in text
    # a supported Python through the py launcher, else python (3.11 to 3.13 like pyproject)
    assert "for %%V in (3.13 3.12 3.11) do if not defined PY py -%%V" in text
    assert "(3, 11) <= sys.version_info < (3, 14)" in text
    assert '>=3.11,<3.14"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    setup = text[text.index(":setup") : text.index(":menu")]
    steps = [
        "%PY% -m venv .venv || goto failed",
        ".venv\\Scripts\\python -m pip install --disable-pip-version-check -r requirements.lock",
        "--no-deps --no-build-isolation -e . || goto failed",
        "copy /y requirements.lock .venv\\kriya-requirements.lock",  # stamps last
        "copy /y pyproject.toml .venv\\kriya-pyproject.toml",
    ]
    positions = [setup.index(step) for step in steps]
    assert positions == sorted(positions)
    for command in ("%KRIYA% check", "%KRIYA% serve --open", 'call :new news "Judul berita"'):
        assert command in text
    assert 'set "KRIYA=.venv\\Scripts\\kriya.exe"' in text
    # every jump has its label
    labels = {line[1:] for line in lines if line.startswith(":")}
    jumps = set(re.findall(r"(?:goto|call :)\s*(\w+)", text))
    assert jumps <= labels, jumps - labels
    # messages for the writer are Indonesian; no line of it needs English to act on
    assert "Python 3.11, 3.12 atau 3.13 belum terpasang" in text
    assert "Ketik nomor lalu tekan Enter" in text


def test_the_posix_starter_runs_kriya_once_set_up_and_names_a_missing_python(fixture_copy):
    project = fixture_copy.parent / "proyek"
    project.mkdir()
    shutil.copy(ROOT / "kriya", project / "kriya")
    for name in ("requirements.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    env = {**os.environ, "KRIYA_NOW": NOW, "PYTHON": "/bin/false"}
    missing = subprocess.run(
        [str(project / "kriya"), "check"], capture_output=True, text=True, env=env
    )
    assert missing.returncode == 1 and "Perlu Python 3.11, 3.12 atau 3.13" in missing.stdout
    # set up already: the stamps match, so it runs .venv/bin/kriya straight away
    (project / ".venv" / "bin").mkdir(parents=True)
    (project / ".venv" / "bin" / "kriya").symlink_to(KRIYA)
    shutil.copy(ROOT / "requirements.lock", project / ".venv" / "kriya-requirements.lock")
    shutil.copy(ROOT / "pyproject.toml", project / ".venv" / "kriya-pyproject.toml")
    done = subprocess.run(
        [str(project / "kriya"), "check", "--root", str(fixture_copy)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Konten OK")
