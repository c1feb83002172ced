"""A LaTeX math subset rendered as plain Unicode for the terminal.

``to_unicode(r"\\lfloor (n + 2p - 1)/s \\rfloor + 1")`` gives ``⌊(n + 2p − 1)/s⌋ + 1``.
Only whitelisted commands are translated; an unknown command is shown as written (with its
backslash), never interpreted. Nothing here executes anything from the input.
"""

from __future__ import annotations

import unicodedata

from quizcnn.texlex import tokenize

SYMBOLS = {
    # Greek
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "upsilon": "υ", "phi": "φ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    # operators and relations
    "times": "×", "cdot": "·", "div": "÷", "pm": "±", "mp": "∓", "ast": "∗", "star": "⋆",
    "circ": "∘", "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "prod": "∏", "sum": "∑",
    "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
    "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
    "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
    "leftrightarrow": "↔", "Leftrightarrow": "⇔", "mapsto": "↦", "implies": "⇒",
    "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪", "cap": "∩",
    "forall": "∀", "exists": "∃", "infty": "∞", "partial": "∂", "nabla": "∇", "prime": "′",
    "ldots": "…", "cdots": "⋯", "dots": "…", "vdots": "⋮", "mid": "∣", "lvert": "|",
    "rvert": "|", "vert": "|", "Vert": "‖", "lVert": "‖", "rVert": "‖",
    "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "langle": "⟨", "rangle": "⟩",
    "min": "min", "max": "max", "log": "log", "ln": "ln", "exp": "exp", "lim": "lim",
    "sin": "sin", "cos": "cos", "tanh": "tanh", "arg": "arg", "argmax": "argmax",
    "argmin": "argmin", "det": "det", "dim": "dim", "sup": "sup", "inf": "inf",
    # spacing and escapes
    ",": " ", ";": " ", ":": " ", "!": "", " ": " ", "quad": "  ", "qquad": "   ",
    "{": "{", "}": "}", "%": "%", "_": "_", "#": "#", "$": "$", "&": "&", "|": "‖",
    "\\": "\n",
}
BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ"}
TEXT_COMMANDS = {"text", "mathrm", "textrm", "mathbf", "textbf", "mathit", "textit", "mathsf",
                 "mathtt", "texttt", "boldsymbol", "bm", "mathcal", "operatorname", "mbox"}
ACCENTS = {"hat": "\u0302", "bar": "\u0304", "overline": "\u0305", "tilde": "\u0303",
           "vec": "\u20d7", "dot": "\u0307", "widehat": "\u0302"}
CLOSERS = {"rfloor", "rceil", "rangle", "right", "rvert", "rVert"}
SUP = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW−",
               "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ⁻", strict=True))
SUB = dict(zip("0123456789+-=()aehijklmnoprstuvxβγρφχ−",
               "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ₋", strict=True))
_OPS = set("+-−×·/=<>≤≥≈≠ ")
_MAX_DEPTH = 50


def _tokenize(s: str) -> list[str]:
    """The shared tokens (``quizcnn.texlex``) as this renderer reads them: commands with their
    backslash, one token per white-space run and digits one by one (``x^10`` is x¹0, as in
    LaTeX)."""
    out: list[str] = []
    for t in tokenize(s, spaces=True):
        if t.kind == "cmd":
            out.append(s[t.start:t.end])
        elif t.kind == "num":
            out.extend(s[t.start:t.end])
        else:
            out.append(t.text)
    return out


class _Renderer:
    def __init__(self, tokens: list[str]) -> None:
        self.toks = tokens
        self.pos = 0

    def peek(self) -> str | None:
        return self.toks[self.pos] if self.pos < len(self.toks) else None

    def take(self) -> str | None:
        tok = self.peek()
        self.pos += 1
        return tok

    def group(self, depth: int, raw: bool = False) -> str:
        """One argument: a {...} group or a single token."""
        while self.peek() == " ":
            self.pos += 1
        tok = self.take()
        if tok is None:
            return ""
        if tok == "{":
            return self.seq(depth + 1, until="}", raw=raw)
        if raw:
            return tok if not tok.startswith("\\") else tok[1:]
        return self.atom(tok, depth + 1)

    def seq(self, depth: int, until: str | None = None, raw: bool = False) -> str:
        parts: list[str] = []
        while (tok := self.peek()) is not None:
            if tok == until:
                self.pos += 1
                break
            self.pos += 1
            if raw:
                if tok == "{":
                    parts.append(self.seq(depth + 1, until="}", raw=True))
                elif tok.startswith("\\") and len(tok) == 2 and not tok[1].isalpha():
                    parts.append(SYMBOLS.get(tok[1], tok[1]).replace("  ", " "))
                else:
                    parts.append(tok)
                continue
            if tok == " " and (self._next_is_closer() or _ends_open(parts)):
                continue
            parts.append(self.atom(tok, depth))
        return "".join(parts)

    def _next_is_closer(self) -> bool:
        nxt = self.peek()
        return nxt is None or nxt == "}" or (nxt.startswith("\\") and nxt[1:] in CLOSERS)

    def atom(self, tok: str, depth: int) -> str:
        if depth > _MAX_DEPTH:
            return tok
        if tok == "{":
            return self.seq(depth + 1, until="}")
        if tok in ("^", "_"):
            return self.script(tok, self.group(depth))
        if tok == "-":
            return "−"
        if tok == "&":
            return " "
        if tok == "~":
            return " "
        if not tok.startswith("\\") or len(tok) == 1:
            return tok
        name = tok[1:]
        if name == "frac" or name == "dfrac" or name == "tfrac":
            num, den = self.group(depth), self.group(depth)
            return f"{_wrap(num)}/{_wrap(den)}"
        if name == "sqrt":
            if self.peek() == "[":
                self.pos += 1
                idx = self.seq(depth + 1, until="]")
                return f"{idx}√{_wrap(self.group(depth))}" if idx else "√" + _wrap(self.group(depth))
            return "√" + _wrap(self.group(depth))
        if name in TEXT_COMMANDS:
            return self.group(depth, raw=name in ("text", "textrm", "mbox", "texttt"))
        if name == "mathbb":
            inner = self.group(depth, raw=True)
            return "".join(BLACKBOARD.get(c, c) for c in inner)
        if name in ACCENTS:
            inner = self.group(depth)
            return inner + ACCENTS[name] if len(inner) == 1 else f"{inner}{ACCENTS[name]}"
        if name in ("left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr"):
            while self.peek() == " ":
                self.pos += 1
            nxt = self.take()
            if nxt is None or nxt == ".":
                return ""
            delim = self.atom(nxt, depth + 1)
            return delim + ("\x00" if name in ("left", "bigl", "Bigl") else "")
        if name in ("displaystyle", "textstyle", "limits", "nolimits"):
            return ""
        if name in SYMBOLS:
            return SYMBOLS[name]
        # Unknown: shown as written, its {arguments} with their braces.
        out = tok
        while self.peek() == "{":
            out += "{" + self.group(depth) + "}"
        return out

    def script(self, kind: str, body: str) -> str:
        table = SUP if kind == "^" else SUB
        if not body:
            return kind
        if all(c in table for c in body):
            return "".join(table[c] for c in body)
        if len(body) == 1:
            return kind + body
        return f"{kind}({body})"


_OPEN_CHARS = ("⌊", "⌈", "⟨", "\x00")


def _ends_open(parts: list[str]) -> bool:
    """True after an opening delimiter: a space there is dropped."""
    return bool(parts) and parts[-1].endswith(_OPEN_CHARS)


def _wrap(s: str) -> str:
    s = s.replace("\x00", "").strip()
    if len(s) <= 1 or not any(c in _OPS for c in s):
        return s
    if s[0] in "([" and _balanced_outer(s):
        return s
    if s[0] == "√" and s[1:2] == "(" and _balanced_outer(s[1:]):
        return s
    return f"({s})"


def _balanced_outer(s: str) -> bool:
    depth = 0
    for i, c in enumerate(s):
        if c in "([":
            depth += 1
        elif c in ")]":
            depth -= 1
            if depth == 0 and i != len(s) - 1:
                return False
    return depth == 0


def to_unicode(latex: str) -> str:
    """Render one math span (without its $ delimiters) as Unicode text."""
    r = _Renderer(_tokenize(latex))
    out: list[str] = []
    while (tok := r.take()) is not None:
        if tok == "}":  # stray closing brace: show it
            out.append("}")
            continue
        if tok == " " and (r._next_is_closer() or _ends_open(out)):
            continue
        out.append(r.atom(tok, 0))
    text = "".join(out).replace("\x00", "")
    lines = [" ".join(line.split(" ")).strip() for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(_squeeze(line) for line in lines))


def _squeeze(line: str) -> str:
    while "   " in line:
        line = line.replace("   ", "  ")
    return line


def math_spans(md: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, latex, display) for every $...$ / $$...$$ span outside code spans.

    ``\\$`` is a literal dollar; inline math must not start or end with a space (so
    "$5 and $6" stays text), as in pandoc and markdown-it's dollarmath.
    """
    spans: list[tuple[int, int, str, bool]] = []
    i, n = 0, len(md)
    while i < n:
        c = md[i]
        if c == "\\":
            i += 2
            continue
        if c == "`":
            j = i
            while j < n and md[j] == "`":
                j += 1
            fence = md[i:j]
            end = md.find(fence, j)
            i = j if end < 0 else end + len(fence)
            continue
        if c == "$":
            if md.startswith("$$", i):
                end = md.find("$$", i + 2)
                if end >= 0:
                    spans.append((i, end + 2, md[i + 2:end], True))
                    i = end + 2
                    continue
                i += 2
                continue
            j = i + 1
            if j < n and not md[j].isspace():
                k = j
                while k < n:
                    if md[k] == "\\":
                        k += 2
                        continue
                    if md[k] == "$":
                        break
                    if md[k] == "\n" and k + 1 < n and md[k + 1] == "\n":
                        k = n
                        break
                    k += 1
                if k < n and not md[k - 1].isspace() and k > j:
                    spans.append((i, k + 1, md[j:k], False))
                    i = k + 1
                    continue
            i += 1
            continue
        i += 1
    return spans


def render_markdown_math(md: str) -> str:
    """Replace every $...$ / $$...$$ span in Markdown text by its Unicode rendering."""
    spans = math_spans(md)
    if not spans:
        return md
    out: list[str] = []
    last = 0
    for start, end, latex, _display in spans:
        out.append(md[last:start])
        out.append(to_unicode(latex))
        last = end
    out.append(md[last:])
    return "".join(out)
