"""What `make serve` adds to every page it shows: the content problems of the last rebuild,
drawn over the page (file, line, message, in Indonesian), so a writer sees them where she
looks. The page loads them from a JSON file written with every rebuild, so pages MkDocs did
not render again (a dirty rebuild) show them too; the overlay goes once the file is fixed."""

from __future__ import annotations

import json
import os
import time

from .model import Problem

PROBLEMS = "kriya-masalah.json"  # at the root of the preview's site folder

# Text only (textContent), never markup: messages quote what writers typed.
SCRIPT = (
    """<script>
(async () => {
  const root = document.querySelector('script[data-kriya-root]').dataset.kriyaRoot;
  let problems = [];
  try {
    problems = await (await fetch(root + '__FILE__', {cache: 'no-store'})).json();
  } catch (e) {}
  if (!problems.length) return;
  const box = document.createElement('section');
  box.setAttribute('role', 'alert');
  box.style.cssText = 'position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:9;'
    + 'background:#fff3f0;color:#5a1208;border-top:4px solid #b3261e;padding:1rem 1.25rem;'
    + 'font:15px/1.45 system-ui,sans-serif;box-shadow:0 -4px 16px rgba(0,0,0,.2)';
  const title = document.createElement('strong');
  title.textContent = problems.length + ' masalah konten. Pratinjau memakai versi terakhir '
    + 'yang benar dari file itu. Perbaiki lalu simpan; pesan ini hilang sendiri.';
  const list = document.createElement('ul');
  for (const p of problems) {
    const item = document.createElement('li');
    const where = document.createElement('code');
    where.textContent = p.path + (p.line ? ':' + p.line : '')
      + (p.field ? ' (' + p.field + ')' : '');
    item.append(where, ' ' + p.message);
    list.append(item);
  }
  box.append(title, list);
  document.body.append(box);
})();
</script>"""
).replace("__FILE__", PROBLEMS)


def problems_json(problems: list[Problem]) -> str:
    return json.dumps(
        [
            {"path": p.path, "line": p.line, "field": p.field, "message": p.message}
            for p in problems
        ],
        ensure_ascii=False,
    )


def overlay(root: str) -> str:
    """The script for a page whose site root is at the relative URL `root` ('../')."""
    marker = f'<script data-kriya-root="{root}"></script>'
    return marker + SCRIPT


def write_whole(path: str, data: bytes) -> bool:
    """Write `data` to the preview's file `path` unless it holds it already; returns whether
    the file changed. The preview's server answers while a rebuild writes: a new version is
    written beside the file, then put in its place, so a reader never gets half a page."""
    try:
        with open(path, "rb") as current:
            if current.read() == data:
                return False
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
    beside = f"{path}.{os.getpid()}.kriya"
    with open(beside, "wb") as new:
        new.write(data)
    for attempt in range(5):
        try:
            os.replace(beside, path)
            return True
        except PermissionError:  # Windows: the server is reading the old file
            time.sleep(0.02 * (attempt + 1))
    with open(path, "wb") as fallback:
        fallback.write(data)
    os.remove(beside)
    return True
