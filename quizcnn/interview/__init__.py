"""The mock interview (``quizcnn interview``): a timed round of concept questions and numeric
problems, with follow-ups, scored on key points, recorded as reviews, kept as a report.

No UI here: ``pick`` chooses questions (weighted toward weak topics) and follow-ups, ``round``
runs one round against an injected clock (scoring, ratings, recording through the store's
``Reviewer``), ``saved`` keeps rounds in SQLite and lists them, ``report`` turns a round into
the report's data (JSON, and what the printers render). The line mode is ``plain``; the TUI
screen is ``quizcnn.tui.screens.interview``.

Ratings (recorded on the card as any review, ``kind="interview"``): a concept question with
key points is Good when every point was covered, Hard for at least half, Again for fewer; a
card without key points is rated by the user (1-4, as in the drill); numeric problems are
graded as in the drill; a skip or running out of time is Again.
"""
