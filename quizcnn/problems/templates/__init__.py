"""Problem templates, one module per family (see quizcnn.problems.registry)."""
