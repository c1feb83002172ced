"""The Textual app (``quizcnn`` with no subcommand). Screens in ``screens/``, widgets in ``widgets/``.

Only ``app.run`` is imported at start-up; the ORM and Alembic load in a worker after the
first paint (see ``app.py``).
"""
