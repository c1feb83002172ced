"""Schema revisions (stdlib only, so quick.py can check a DB without SQLAlchemy or Alembic)."""

HEAD = "0006"
# every schema this version can read, oldest first
REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")
