"""A new news item or product from the template: `kriya new news "Judul"`.
Usage: python scripts/new.py [--root FOLDER] ...  (the same options as `kriya new`)"""

from _common import run

if __name__ == "__main__":
    run("new")
