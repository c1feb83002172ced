"""The one exception family the core raises for bad input.

Every public function of ``quizcnn.core`` raises :class:`LayerError` (or its subclass
:class:`ParseError`) for an impossible configuration or unreadable text, and nothing else.
``str(error)`` is a single readable line that names the layer and the rule broken.
"""

from __future__ import annotations


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


class LayerError(ValueError):
    """An impossible layer configuration, a broken chain of layers, or unreadable layer text.

    Attributes:
        layer: the canonical (or offending) layer text, or None when no single layer is at fault.
        rule: a short rule id such as ``"groups-divide-channels"``.
        message: what is wrong, in words (without the layer prefix).
        index: the layer's position in the analysed stack, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        layer: str | None = None,
        rule: str = "invalid",
        index: int | None = None,
    ) -> None:
        self.message = _one_line(message, 300)
        self.layer = None if layer is None else _one_line(layer)
        self.rule = rule
        self.index = index
        super().__init__(self.message)

    def plain(self) -> str:
        """The one-line message for people: where and what, without the rule id."""
        where = ""
        if self.index is not None:
            where = f"layer {self.index}"
        if self.layer:
            where = f"{where} {self.layer}" if where else self.layer
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.message}"

    def __str__(self) -> str:
        return f"{self.plain()} [rule: {self.rule}]"

    def at(self, index: int, layer: str | None = None) -> LayerError:
        """A copy of this error located at stack position ``index`` (same class and rule)."""
        err = type(self).__new__(type(self))
        LayerError.__init__(
            err,
            self.message,
            layer=layer if layer is not None else self.layer,
            rule=self.rule,
            index=index,
        )
        if isinstance(self, ParseError) and isinstance(err, ParseError):
            err.line = self.line
        return err


class ParseError(LayerError):
    """Text that cannot be read as a layer: unknown name, bad syntax, forbidden construct.

    ``line`` is the 1-based line number for multi-line input, else None.
    """

    def __init__(
        self,
        message: str,
        *,
        layer: str | None = None,
        rule: str = "parse",
        index: int | None = None,
        line: int | None = None,
    ) -> None:
        self.line = line
        super().__init__(message, layer=layer, rule=rule, index=index)

    def plain(self) -> str:
        base = super().plain()
        return f"line {self.line}: {base}" if self.line is not None else base
