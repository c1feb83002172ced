"""quizcnn: drills for convolutional-neural-network interview questions."""

__version__ = "0.1.0"
