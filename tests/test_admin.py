"""The browser editor at /admin/: its configuration follows the schema and the settings, it
loads nothing from third parties, it changes nothing else in the site, and entries saved in
it (in real Chromium, against the CMS's test repository) pass the checks and get built."""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_SITE, ROOT, run_script

from kriya import admin, schema
from kriya.settings import Settings

PACKAGES = ROOT / "tools" / "admin" / "node_modules"
REPO = "dewan-kerajinan/situs-uji"


def with_editor(root: Path) -> Path:
    """The fixture site at `root`, with the editor switched on."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "  - kriya:\n",
            f"  - kriya:\n      admin_repo: {REPO}\n      cms_packages: {PACKAGES}\n",
            1,
        ),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def editor_site(tmp_path_factory) -> Path:
    source = with_editor(tmp_path_factory.mktemp("editor") / "src")
    return source


@pytest.fixture(scope="module")
def built_editor_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("editor") / "src"
    shutil.copytree(FIXTURE_SITE, root)
    with_editor(root)
    done = run_script("build.py", root=root)
    assert done.returncode == 0, done.stdout + done.stderr
    return root / "site"


def test_every_schema_field_is_in_the_form():
    settings = Settings(root=Path("."), admin_repo=REPO)
    config = admin.cms_config(settings)
    for entry in config["collections"]:
        rows = {row.key: row for row in schema.FIELDS[entry["name"]]}
        fields = {f["name"]: f for f in entry["fields"]}
        assert set(rows) <= set(fields), set(rows) - set(fields)
        assert set(fields) - set(rows) == {"body"}
        for key, row in rows.items():
            assert fields[key]["label"] == row.label
            assert fields[key]["hint"] == (row.form_help or row.help)
            assert fields[key]["required"] == row.required
            if row.choices:  # the validator's own lists
                values = [o["value"] for o in fields[key]["options"]]
                assert values == list(getattr(settings, row.choices))
    assert config["backend"] == {**config["backend"], "name": "github", "repo": REPO}


def test_photos_go_beside_the_entry_and_names_follow_the_validator():
    config = admin.cms_config(Settings(root=Path("."), admin_repo=REPO))
    news, products = config["collections"]
    assert (news["folder"], products["folder"]) == ("content/news", "content/products")
    assert news["slug"] == "{{year}}-{{month}}-{{day}}-{{slug}}" and products["slug"] == "{{slug}}"
    for entry in (news, products):
        assert entry["media_folder"] == entry["public_folder"] == "img"
    images = next(f for f in products["fields"] if f["name"] == "images")
    assert [f["name"] for f in images["fields"]] == ["src", "alt"]
    assert all(f.get("required", True) for f in images["fields"])  # alt text required


def test_no_editor_without_a_repository():
    assert admin.admin_files(Settings(root=Path("."))) == {}


def test_the_editor_changes_nothing_else(built_site, built_editor_site):
    """Public pages weigh the same; the editor is in no sitemap, search index or feed."""
    plain = {p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file()}
    edited = {p.relative_to(built_editor_site) for p in built_editor_site.rglob("*") if p.is_file()}
    extra = edited - plain
    assert extra and all(p.parts[0] == "admin" for p in extra)
    for path in plain - {Path("sitemap.xml.gz")}:
        if path.parts[0] != "pagefind":
            assert (built_site / path).read_bytes() == (built_editor_site / path).read_bytes(), path
    assert "admin" not in (built_editor_site / "sitemap.xml").read_text()
    page = (built_editor_site / "admin" / "index.html").read_text()
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "Content-Security-Policy" in page and "cdn.jsdelivr" not in page
    script = (built_editor_site / "admin" / "sveltia-cms.js").read_text()
    assert "cdn.jsdelivr.net/fontsource" not in script  # fonts come from this site
    assert (built_editor_site / "admin" / "fonts").is_dir()


# ---- end to end, in Chromium ---------------------------------------------------------------

READ_FILES = """async () => {
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') { await walk(handle, prefix + name + '/'); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let text = '';
      for (const b of bytes) text += String.fromCharCode(b);
      out[prefix + name] = btoa(text);
    }
  }
  await walk(await navigator.storage.getDirectory(), '');
  return out;
}"""
TEST_REPO = "sveltia-cms-test/"  # where the CMS's test backend commits, in the browser's OPFS


@pytest.fixture
def editor(browser, built_editor_site):
    """The editor signed in to the CMS's test repository (the stand-in for GitHub: it commits
    to the browser's private file system). Yields (page, saved files, outside requests)."""
    from playwright.sync_api import Error as PlaywrightError
    from serve import serve_folder

    config = json.loads((built_editor_site / "admin" / "config.yml").read_text())
    config["backend"] = {"name": "test-repo"}
    with serve_folder(built_editor_site) as base:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        outside: list[str] = []
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else outside.append(r.url),
        )
        page.route(
            "**/admin/config.yml*",
            lambda route: route.fulfill(body=json.dumps(config), content_type="application/yaml"),
        )
        page.goto(base + "admin/")

        def read() -> dict[str, bytes]:
            files = page.evaluate(READ_FILES)
            return {
                path.removeprefix(TEST_REPO): base64.b64decode(data)
                for path, data in files.items()
                if path.startswith(TEST_REPO)
            }

        def saved(expected: str) -> dict[str, bytes]:
            """The test repository once it holds a file ending in `expected` and has stopped
            changing (the editor writes its files one after another)."""
            last: dict[str, bytes] | None = None
            for _ in range(50):
                try:
                    now = read()
                except PlaywrightError:  # a file moved while being read
                    now = None
                if now and now == last and any(p.endswith(expected) for p in now):
                    return now
                last = now
                page.wait_for_timeout(200)
            raise AssertionError(f"nothing ending in {expected} saved: {sorted(last or {})}")

        yield page, base, saved, outside
        context.close()


def field(page, key: str):
    return page.locator(f'section[data-key-path="{key}"]')


def choose(page, key: str, label: str) -> None:
    """Pick `label` in a single-choice dropdown."""
    field(page, key).locator("[aria-haspopup=listbox]").first.click()
    page.get_by_role("option", name=label, exact=True).click()


SAVED = """async ([folder, ending]) => {
  try {
    let dir = await navigator.storage.getDirectory();
    for (const part of ('sveltia-cms-test/' + folder).split('/').filter(Boolean))
      dir = await dir.getDirectoryHandle(part);
    for await (const name of dir.keys()) if (name.endsWith(ending)) return name;
  } catch (error) { return false; }
  return false;
}"""


def save(page, folder: str, ending: str) -> None:
    """Save the entry and wait until the test repository holds it."""
    before = page.evaluate(SAVED, [folder, ending])
    page.get_by_role("button", name="Save").click()
    page.wait_for_function(
        f"async () => {{ const name = await ({SAVED})({json.dumps([folder, ending])});"
        f" return name && name !== {json.dumps(before)}; }}"
    )


def new_entry(page, base: str, collection: str) -> None:
    """A new entry's form, on a freshly loaded editor (what the last entry left in the
    single-page app is gone; the test repository stays in the browser's storage)."""
    page.goto(base + f"admin/#/collections/{collection}/new")
    page.reload()
    sign_in = page.get_by_role("button", name="Work with Test Repository")
    description = field(page, "description").locator("textarea")
    sign_in.or_(description).first.wait_for()
    if sign_in.is_visible():
        sign_in.click()
    description.wait_for()


def write_news(page, base: str, photo: Path) -> None:
    new_entry(page, base, "news")
    field(page, "title").locator("input").fill("Pelatihan Label Kemasan untuk UMKM Kuliner")
    field(page, "date").locator("input").first.fill("2025-10-05T09:30")
    field(page, "description").locator("textarea").fill(
        "Dua puluh pelaku usaha belajar membuat label kemasan yang lengkap."
    )
    field(page, "categories").get_by_role("checkbox", name="Pelatihan").check()
    field(page, "image").locator("input[type=file]").first.set_input_files(photo)
    field(page, "image_alt").locator("input").fill("Peserta memegang contoh kemasan berlabel")
    save(page, "content/news/", "pelatihan-label-kemasan-untuk-umkm-kuliner.md")


def write_product(page, base: str, title: str, whatsapp: str) -> None:
    new_entry(page, base, "products")
    field(page, "title").locator("input").fill(title)
    field(page, "artisan").locator("input").fill("Dapur Manis Kraksaan")
    choose(page, "category", "Kuliner Olahan")
    choose(page, "kecamatan", "Kraksaan")
    field(page, "price").get_by_text("Add").click()
    field(page, "price.min").locator("input").fill("25000")
    field(page, "price.max").locator("input").fill("60000")
    field(page, "whatsapp").locator("input").fill(whatsapp)
    field(page, "certifications").get_by_role("checkbox", name="P-IRT").check()
    field(page, "certifications").get_by_role("checkbox", name="Halal").check()
    field(page, "weight").locator("input").fill("250")
    field(page, "description").locator("textarea").fill(
        "Dodol legit dari daging buah mangga, dimasak lebih dari empat jam."
    )
    save(page, "content/products/", ".md")


def into_site(saved: dict[str, bytes], root: Path) -> None:
    for path, data in saved.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def test_entries_written_in_the_editor_pass_the_check_and_are_built(editor, tmp_path):
    page, base, saved, outside = editor
    photo = next((ROOT / "content" / "news" / "img").glob("*.jpg"))
    write_news(page, base, photo)
    files = saved("kemasan-untuk-umkm-kuliner.md")  # read back before the editor reloads
    write_product(page, base, "Dodol Mangga Kraksaan", "0812-3456-7890")
    files.update(saved("dodol-mangga-kraksaan.md"))
    news = next(p for p in files if p.startswith("content/news/") and p.endswith(".md"))
    assert f"content/news/img/{photo.name}" in files
    assert files["content/products/dodol-mangga-kraksaan.md"]
    text = files["content/products/dodol-mangga-kraksaan.md"].decode()
    assert "min: 25000" in text and "max: 60000" in text
    assert outside == []  # nothing from a CDN or any other third party

    root = tmp_path / "situs"
    shutil.copytree(FIXTURE_SITE, root)
    into_site(files, root)
    checked = run_script("check.py", root=root)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = run_script("build.py", root=root)
    assert built.returncode == 0, built.stdout + built.stderr
    article = root / "site" / "berita" / "pelatihan-label-kemasan-untuk-umkm-kuliner"
    assert "<picture>" in (article / "index.html").read_text() and news
    product = (root / "site" / "katalog" / "dodol-mangga-kraksaan" / "index.html").read_text()
    assert "Rp 25.000 – Rp 60.000" in product and "P-IRT" in product and "250 gram" in product


def test_a_mistake_the_form_lets_through_is_named_by_the_check(editor, tmp_path):
    page, base, saved, _ = editor
    write_product(page, base, "Keripik Tempe Pedas", "0812-345")  # too short for a number
    root = tmp_path / "situs"
    shutil.copytree(FIXTURE_SITE, root)
    into_site(saved("keripik-tempe-pedas.md"), root)
    checked = run_script("check.py", root=root)
    assert checked.returncode == 1
    assert "content/products/keripik-tempe-pedas.md:" in checked.stdout
    assert "whatsapp" in checked.stdout


def test_an_alias_cannot_take_the_editors_place():
    from kriya.validate import alias_problems

    class Item:
        path, kind, slug, aliases = "content/news/x.md", "news", "x", ("admin/",)

    problems = alias_problems([Item()], {}, {})
    assert problems and "dibuat otomatis" in problems[0].message
