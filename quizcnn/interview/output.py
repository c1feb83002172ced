"""Writing a round's report files (JSON, HTML, Markdown, PDF), only through ``quizcnn.fileio``
(a regular file or a new name; an existing one only when forced)."""

from __future__ import annotations

from pathlib import Path

from quizcnn.interview.report import Report


class ReportError(Exception):
    """A report file could not be rendered or written; one line naming it."""


def write_reports(report: Report, targets: list[tuple[str, Path]], *, force: bool) -> list[Path]:
    """Render and write each report file (through fileio); returns the paths written."""
    import json

    from quizcnn.fileio import FileRefused, write_atomic
    from quizcnn.interview.report import to_json

    written = []
    for fmt, path in targets:
        if fmt == "json":
            data = (json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n").encode()
        else:
            from quizcnn.printing.interview import PrintError, render

            try:
                data = render(report, fmt)
            except PrintError as e:
                raise ReportError(f"{path}: {e}") from None
        try:
            write_atomic(path, data, force=force)
        except FileRefused as e:
            raise ReportError(str(e)) from None
        written.append(path)
    return written
