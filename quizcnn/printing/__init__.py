"""Printable practice sets: selection (``select``), a document tree (``ir``) and three
printers (``html``, ``typ`` for PDF through Typst, ``md``), written by ``output``.

Nothing here imports Textual; the ``quizcnn print`` command uses it directly.
"""
