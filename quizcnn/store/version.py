"""Schema revisions (stdlib only, so quick.py can check a DB without SQLAlchemy or Alembic)."""

HEAD = "0003"
REVISIONS = ("0001", "0002", "0003")  # every schema this version can read, oldest first
