"""The interview date planner (issue 22): pacing new cards and bringing reviews forward so that
every card in scope is remembered on the morning of the interview, and the simulator that
shows whether a plan fits. Core logic, no UI.

- ``spec``: the plan (date, minutes a day, topics, target recall) and its input checks.
- ``learner``: FSRS memory (py-fsrs, the active parameters) and answer costs (fsrs-rs-python's
  simulator defaults).
- ``engine``: day-by-day study of a deck under an arm; ``policy``: the planner's arm and
  today's decision; ``forecast``: does it fit, and what would; ``simulate``: the Monte Carlo
  comparison with plain FSRS.
- ``service``: the plan in the progress database (loads SQLAlchemy): set, clear, ``refresh``
  (today's decision for the queue), the store's deck and clock.
"""
