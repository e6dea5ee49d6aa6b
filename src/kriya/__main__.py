"""`python -m kriya ...`: the same as the `kriya` command."""

from kriya.cli import main

main()
