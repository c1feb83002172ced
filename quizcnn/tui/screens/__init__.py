"""One screen per module; each screen's TCSS sits next to it."""
