"""The internal link checker (kriya.linkcheck) and the build that refuses broken links."""

from __future__ import annotations

from pathlib import Path

from conftest import run_script

from kriya.linkcheck import check_site


def write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_finds_broken_links_images_and_srcsets(tmp_path):
    site = write(
        tmp_path,
        {
            "index.html": '<a href="a/">a</a><a href="hilang/">x</a>\n<img src="img/ada.jpg">'
            '<img src="img/tidak.jpg" srcset="img/ada.jpg 1x, img/kurang.jpg 2x">'
            '<a href="https://lain.example/">luar</a><a href="mailto:a@b.c">m</a>'
            '<a href="#atas">anchor</a><a href="a/?q=1#x">q</a>',
            "a/index.html": '<a href="../">home</a><a href="../../luar/">up</a>'
            '<a href="https://situs.example/sub/a/">self</a>'
            '<a href="https://situs.example/sub/b/">self broken</a>'
            '<link rel="stylesheet" href="/sub/css/x.css">',
            "img/ada.jpg": "x",
            "css/x.css": "x",
        },
    )
    assert check_site(site, "https://situs.example/sub/") == [
        "a/index.html:1: ../../luar/",
        "a/index.html:1: https://situs.example/sub/b/",
        "index.html:1: hilang/",
        "index.html:2: img/tidak.jpg",
        "index.html:2: img/kurang.jpg",
    ]


def test_a_link_is_resolved_again_where_it_could_point_elsewhere(tmp_path):
    # "../b/" is checked once for the pages of berita/ and again for those of katalog/;
    # "../../gambar/x.webp" once for every page two folders deep, again from one folder deep.
    site = write(
        tmp_path,
        {
            "berita/a/index.html": '<a href="../b/">b</a><img src="../../gambar/x.webp">',
            "berita/b/index.html": '<a href="../a/">a</a><a href="../b/#x">b</a>',
            "katalog/c/index.html": '<a href="../b/">b</a><img src="../../gambar/x.webp">'
            '<a href="../c/../../berita/a/">a</a>',
            "katalog/index.html": '<img src="../../gambar/x.webp"><a href="../berita/b/">b</a>',
            "gambar/x.webp": "x",
        },
    )
    assert check_site(site) == [
        "katalog/c/index.html:1: ../b/",
        "katalog/index.html:1: ../../gambar/x.webp",
    ]


def test_links_resolved_once_for_many_pages_give_what_each_page_resolving_its_own_gives(
    tmp_path, monkeypatch
):
    import random

    from kriya import linkcheck
    from kriya.cache_files import CacheFolder

    pick = random.Random(7)
    folders = ["", "a", "b", "a/c", "a/d", "b/c", "a/c/e", "b/c/f"]
    names = ["a/", "b/", "c/", "x/", "c/e/", "img.webp", "a/c/", "hilang/"]
    forms = ["", "../", "../?q=1", "../#f", "../../#f", "./", "#f", "?q", "?q=1", "%2E%2E/a/"]
    forms += ["..//a/", "/a/", "/sub/b/", "https://situs.example/sub/a/c/", "x/../a/", "../.a"]
    files = {"img.webp": "x"}
    for folder in folders:
        links = [
            "../" * pick.randrange(4) + pick.choice(names) + pick.choice(["", "#x", "?y=1"])
            for _ in range(40)
        ]
        here = f"{folder}/" if folder else ""
        files[f"{here}index.html"] = ""
        for n, link in enumerate(forms + links):  # a page each: what it needs is that link's
            files[f"{here}{n}.html"] = f'<a href="{link}">t</a>'
    site = write(tmp_path / "situs", files)

    def checked(cache: Path) -> tuple[list[str], dict]:
        broken = check_site(site, "https://situs.example/sub/", cache)
        (name,) = [path.name for path in cache.iterdir()]
        entry = CacheFolder(cache, "").read(name)
        return broken, {rel: {entry["t"][n] for n in t} for rel, (_, t) in entry["p"].items()}

    shared = checked(tmp_path / "bersama")
    # each link resolved from its own page: a key no other link has
    monkeypatch.setattr(linkcheck, "_resolution_key", lambda *_: (object(), ""))
    assert shared == checked(tmp_path / "sendiri")  # what is broken, what each page needs
    assert len(shared[0]) > 50


def test_built_fixture_site_has_no_broken_links(built_site):
    assert check_site(built_site, "https://uji.example/") == []


def test_build_fails_on_a_broken_internal_link(fixture_copy):
    assert run_script("build.py", root=fixture_copy).returncode == 0
    before = {p: p.read_bytes() for p in (fixture_copy / "site").rglob("*") if p.is_file()}
    page = fixture_copy / "docs" / "tentang.md"
    page.write_text(
        page.read_text(encoding="utf-8") + '\n<img src="../media/tidak-ada.jpg" alt="x">\n',
        encoding="utf-8",
    )
    result = run_script("build.py", root=fixture_copy)
    assert result.returncode == 1
    assert "tentang/index.html:" in result.stdout and "../media/tidak-ada.jpg" in result.stdout
    assert "tautan atau gambar internal rusak" in result.stdout
    after = {p: p.read_bytes() for p in (fixture_copy / "site").rglob("*") if p.is_file()}
    assert after == before


def test_deploy_runs_only_after_a_checked_build():
    """Publishing builds with make site (scripts/build.py, which runs kriya.linkcheck) before
    the upload; a push publishes only after its tests pass; the schedule only calls publish."""
    import yaml

    workflows = Path(__file__).resolve().parent.parent / ".github" / "workflows"

    def jobs(name):
        return yaml.safe_load((workflows / name).read_text(encoding="utf-8"))["jobs"]

    publish = jobs("publish.yml")
    steps = [s.get("run") or s.get("uses", "").split("@")[0] for s in publish["build"]["steps"]]
    assert steps.index("make site") < steps.index("actions/upload-pages-artifact")
    assert publish["deploy"]["needs"] == "build"
    site = jobs("site.yml")
    assert site["publish"]["needs"] == "test"
    assert site["publish"]["uses"] == jobs("scheduled.yml")["publish"]["uses"]
    assert site["publish"]["uses"] == "./.github/workflows/publish.yml"
