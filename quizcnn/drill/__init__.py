"""The drill: one study session over the store, and the line-mode UI that drives it.

- ``quizcnn.drill.session``: the queue, recording an answer, undo, skip, suspend and the
  running tally, shared by the app (``quizcnn.tui.flow``) and the line-mode drill. No UI.
- ``quizcnn.drill.plain``: the line-mode drill (``quizcnn drill --plain``): one question at a
  time on stdout, one answer line from stdin.

What either drill says is in ``quizcnn.messages``; bank text is cleaned by
``quizcnn.termtext`` before it reaches the terminal.
"""
