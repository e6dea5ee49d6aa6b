"""Did anything get published or expire lately? `kriya due` (the hourly workflow).
Usage: python scripts/due.py [--root FOLDER] ...  (the same options as `kriya due`)"""

from _common import run

if __name__ == "__main__":
    run("due")
