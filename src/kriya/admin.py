"""The browser editor at /admin/ (Sveltia CMS): its configuration, generated from the schema
and the site's settings, never written by hand.

Every schema row becomes one form field with the row's Indonesian label and help text; choice
lists come from the same settings the validator checks against; photos go into img/ beside
the entry, as the validator expects. What a form cannot enforce (a WhatsApp number's length,
a price written in a range the wrong way round) is left to the validator, which CI runs on
every commit the editor makes.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urlsplit

from . import load, schema, urls
from .convert import LINK_SITES, MAX_LIST_ITEMS
from .settings import Settings

FOLDER = urls.ADMIN
SCRIPT = FOLDER + "sveltia-cms.js"  # the vendored npm package's script (see `vendored`)
PACKAGE_SCRIPT = "@sveltia/cms/dist/sveltia-cms.js"  # inside node_modules
# The script asks a CDN for its fonts; the build serves the same files from npm packages.
CDN_FONT = re.compile(
    r"https://cdn\.jsdelivr\.net/fontsource/fonts/([a-z0-9-]+)(:vf)?@[0-9.]+/([\w.-]+)"
)
COLLECTIONS = {  # collection -> (label, one entry, file name as the validator expects it)
    "news": ("Berita", "Berita", "{{year}}-{{month}}-{{day}}-{{slug}}"),
    "products": ("Produk", "Produk", "{{slug}}"),
}
# Dates as the validator reads them: no zone means WIB.
DATE_FORMAT = "YYYY-MM-DDTHH:mm:ss"


def admin_files(settings: Settings) -> dict[str, str]:
    """Site path -> text of the editor's page and configuration ({} without a repository)."""
    if not settings.admin_repo:
        return {}
    return {
        FOLDER + "index.html": page(settings),
        FOLDER + "preview.js": preview_script(),
        FOLDER + "config.yml": json.dumps(cms_config(settings), ensure_ascii=False, indent=2)
        + "\n",
    }


def page(settings: Settings) -> str:
    """The editor's page: the vendored script and, for previews, the site's stylesheet. Its
    Content-Security-Policy lets the browser load nothing but this site and GitHub's API (the
    script's own update check and status calls are refused)."""
    name = html.escape(settings.site_name)
    return (
        "<!doctype html>\n"
        '<html lang="id">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(settings))}">\n'
        f"<title>Editor — {name}</title>\n"
        '<link href="config.yml" type="application/yaml" rel="cms-config-url">\n'
        "</head>\n<body>\n"
        '<script src="sveltia-cms.js"></script>\n'
        '<script src="preview.js"></script>\n'
        "</body>\n</html>\n"
    )


def policy(settings: Settings) -> str:
    github = "https://api.github.com https://*.githubusercontent.com"
    auth = urlsplit(settings.admin_auth_url)
    connect = f"'self' data: blob: {github}" + (
        f" {auth.scheme}://{auth.netloc}" if auth.netloc else ""
    )
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"font-src 'self'; img-src 'self' data: blob: {github}; "
        f"media-src 'self' blob:; connect-src {connect}; worker-src 'self' blob:; "
        "frame-src 'self' blob:"
    )


def preview_script() -> str:
    """Previews in the site's own stylesheet."""
    css = urls.relative_url(FOLDER, urls.KRIYA_ASSETS + "kriya.css")
    return f"CMS.registerPreviewStyle({json.dumps(css)});\n"


def vendored(script: str) -> tuple[str, dict[str, str]]:
    """The CMS script with its CDN fonts served from this site: (script, site path of each
    font -> its file inside node_modules)."""
    fonts: dict[str, str] = {}

    def local(match: re.Match) -> str:
        name, variable, file = match[1], match[2], match[3]
        package = f"@fontsource{'-variable' if variable else ''}/{name}"
        fonts[f"{FOLDER}fonts/{name}-{file}"] = f"{package}/files/{name}-{file}"
        return f"fonts/{name}-{file}"  # relative to /admin/, where the styles apply

    return CDN_FONT.sub(local, script), fonts


def cms_config(settings: Settings) -> dict[str, Any]:
    """The CMS configuration (JSON is YAML too)."""
    backend: dict[str, Any] = {
        "name": "github",
        "repo": settings.admin_repo,
        "branch": settings.admin_branch,
        "commit_messages": {
            "create": "Tambah {{collection}}: {{slug}}",
            "update": "Ubah {{collection}}: {{slug}}",
            "delete": "Hapus {{collection}}: {{slug}}",
            "uploadMedia": "Unggah foto {{path}}",
            "deleteMedia": "Hapus foto {{path}}",
        },
    }
    if settings.admin_auth_url:  # OAuth through the council's own authenticator
        backend["base_url"] = settings.admin_auth_url
    config: dict[str, Any] = {
        "backend": backend,
        "media_folder": "content/img",  # unused: every collection keeps photos beside entries
        "site_url": settings.site_url or None,
        # an optional field left empty is left out, not written as '' (which the validator
        # would rightly refuse as a date, a path or a slug)
        "output": {"omit_empty_optional_fields": True},
        # photos come from the staff's own files; no stock photo services
        "media_libraries": {"stock_assets": {"providers": []}},
        "collections": [collection(name, settings) for name in COLLECTIONS],
    }
    return {k: v for k, v in config.items() if v is not None}


def collection(name: str, settings: Settings) -> dict[str, Any]:
    label, singular, file_name = COLLECTIONS[name]
    folder = load.COLLECTIONS[name]
    return {
        "name": name,
        "label": label,
        "label_singular": singular,
        "folder": folder,
        "create": True,
        "extension": "md",
        "format": "yaml-frontmatter",
        "slug": file_name,
        "identifier_field": "title",
        "media_folder": "img",  # beside the entry: the validator resolves img/x.jpg from it
        "public_folder": "img",
        "summary": "{{title}}",
        "sortable_fields": ["title", "date"],
        "fields": [field(row, settings) for row in schema.FIELDS[name]]
        + [{"name": "body", "label": "Isi", "widget": "markdown", "required": False}],
    }


def field(row: schema.Field, settings: Settings) -> dict[str, Any]:
    """One form field from one schema row."""
    spec: dict[str, Any] = {
        "name": row.key,
        "label": row.label,
        "hint": row.form_help or row.help,
        "required": row.required,
        **_widget(row, settings),
    }
    return spec


def _options(settings: Settings, choices: str) -> list[dict[str, str]]:
    values = getattr(settings, choices)
    labels = values if isinstance(values, dict) else {value: value for value in values}
    return [{"label": label, "value": value} for value, label in labels.items()]


def _widget(row: schema.Field, settings: Settings) -> dict[str, Any]:
    kind = row.widget
    if kind in ("text", "whatsapp", "slug"):
        return {"widget": "string"}
    if kind == "textarea":
        return {"widget": "text"}
    if kind == "datetime":
        return {"widget": "datetime", "format": DATE_FORMAT, "picker_utc": False}
    if kind == "boolean":
        return {"widget": "boolean", "default": bool(row.default)}
    if kind == "number":
        return {"widget": "number", "value_type": "int", "min": 1}
    if kind == "list":
        return {"widget": "list", "max": MAX_LIST_ITEMS}
    if kind in ("choice", "choices", "certifications"):
        return {
            "widget": "select",
            "multiple": kind != "choice",
            "options": _options(settings, row.choices),
        }
    if kind == "image":
        return {"widget": "image", "choose_url": False}
    if kind == "images":
        return {
            "widget": "list",
            "max": MAX_LIST_ITEMS,
            "fields": [
                {"name": "src", "label": "Foto", "widget": "image", "choose_url": False},
                {
                    "name": "alt",
                    "label": "Keterangan foto",
                    "widget": "string",
                    "hint": "Apa yang tampak di foto, satu kalimat (untuk pembaca tunanetra).",
                },
            ],
        }
    if kind == "price":
        return {
            "widget": "object",
            "fields": [
                {
                    "name": "min",
                    "label": "Harga (rupiah)",
                    "widget": "number",
                    "value_type": "int",
                    "min": 1,
                },
                {
                    "name": "max",
                    "label": "Harga tertinggi (hanya untuk rentang harga)",
                    "widget": "number",
                    "value_type": "int",
                    "min": 1,
                    "required": False,
                },
            ],
        }
    if kind == "links":
        return {
            "widget": "object",
            "fields": [
                {
                    "name": site,
                    "label": label,
                    "widget": "string",
                    "required": False,
                    "hint": "Alamat lengkap diawali https://, di "
                    + settings.link_hosts.get(site, domains)[0],
                }
                for site, (label, domains) in LINK_SITES.items()
            ],
        }
    raise ValueError(f"no form field for widget {kind!r} ({row.key})")
