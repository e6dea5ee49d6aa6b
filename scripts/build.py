"""Build site/ (validated, link-checked, swapped in only on success): `kriya build`.
Usage: python scripts/build.py [--root FOLDER] ...  (the same options as `kriya build`)"""

from _common import run

if __name__ == "__main__":
    run("build")
