"""The user-facing commands behind `kriya` (kriya.cli) and scripts/*.py: each a `run(args)`
over the engine, returning the exit code. Like the adapter, they may import MkDocs."""
