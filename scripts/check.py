"""Validate every news item and product: `kriya check` (see kriya.commands.check).
Usage: python scripts/check.py [--root FOLDER] ...  (the same options as `kriya check`)"""

from _common import run

if __name__ == "__main__":
    run("check")
