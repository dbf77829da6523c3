"""GitHub Actions expressions (`${{ ... }}`), evaluated offline, so that a test can say what a
workflow's `if:`, `concurrency:` or `env:` comes to for a given event instead of restating its
text.

Only the part of the language the workflows use: contexts and their properties (`a.b`, `a['b']`,
`labels.*.name`), string, number, boolean and null literals, `!`, `&&`, `||`, `==`, `!=`,
parentheses, `contains(...)`, and the status functions `always()`, `success()`, `failure()` and
`cancelled()`. The rules are GitHub's (docs.github.com, "Evaluate expressions in workflows and
actions"): `&&` and `||` give one of their operands, not a boolean; `==` compares strings without
regard to case and turns operands of different types into numbers; a missing property is null;
an `if:` without a status function is `success() && (...)`. No library on PyPI evaluates them (the
two that parse them are tree-sitter grammars), hence this one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

STATUS_FUNCTIONS = ("always", "success", "failure", "cancelled")


class ExpressionError(ValueError):
    """An expression outside the subset, or one that names a context the caller did not give."""


@dataclass(frozen=True)
class Status:
    """What the status functions answer where the expression is evaluated."""

    cancelled: bool = False
    """The run was cancelled (`cancelled()`)."""
    failed: bool = False
    """For a job, a job it needs failed; for a step, an earlier step of its job failed (`failure()`)."""
    succeeded: bool = True
    """For a job, every job it needs succeeded; for a step, every earlier one did (`success()`,
    which is false too when the run was cancelled)."""


class _Filtered(list):
    """The array `x.*` gives: a property read from it is read from each of its items."""


_TOKEN = re.compile(r"""\s*(?:
    (?P<string>'(?:[^']|'')*')
  | (?P<number>-?\d+(?:\.\d+)?)
  | (?P<op>&&|\|\||==|!=|[!().,\[\]*])
  | (?P<name>[A-Za-z_][\w-]*)
)""", re.X)


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if not match:
            raise ExpressionError(f"cannot read {text[position:]!r} in {text!r}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent over the tokens; gives a tree of tuples: (kind, ...)."""

    def __init__(self, text: str):
        self.text, self.tokens, self.at = text, _tokens(text), 0

    def peek(self) -> str | None:
        return self.tokens[self.at][1] if self.at < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        if self.at >= len(self.tokens) or (expected and self.tokens[self.at][1] != expected):
            raise ExpressionError(f"expected {expected or 'more'} in {self.text!r}")
        self.at += 1
        return self.tokens[self.at - 1]

    def parse(self) -> tuple:
        tree = self.binary(0)
        if self.at != len(self.tokens):
            raise ExpressionError(f"unexpected {self.peek()!r} in {self.text!r}")
        return tree

    LEVELS = (("||",), ("&&",), ("==", "!="))

    def binary(self, level: int) -> tuple:
        if level == len(self.LEVELS):
            return self.unary()
        tree = self.binary(level + 1)
        while self.peek() in self.LEVELS[level] and self.tokens[self.at][0] == "op":
            op = self.take()[1]
            tree = (op, tree, self.binary(level + 1))
        return tree

    def unary(self) -> tuple:
        if self.peek() == "!":
            self.take()
            return ("!", self.unary())
        return self.postfix(self.primary())

    def primary(self) -> tuple:
        kind, value = self.take()
        if kind == "string":
            return ("literal", value[1:-1].replace("''", "'"))
        if kind == "number":
            return ("literal", float(value))
        if value == "(":
            tree = self.binary(0)
            self.take(")")
            return tree
        if kind != "name":
            raise ExpressionError(f"unexpected {value!r} in {self.text!r}")
        if value in ("true", "false", "null"):
            return ("literal", {"true": True, "false": False, "null": None}[value])
        if self.peek() == "(":
            self.take("(")
            args = []
            while self.peek() != ")":
                args.append(self.binary(0))
                if self.peek() == ",":
                    self.take(",")
            self.take(")")
            return ("call", value, args)
        return ("context", value)

    def postfix(self, tree: tuple) -> tuple:
        while self.peek() in (".", "["):
            if self.take()[1] == ".":
                kind, name = self.take()
                tree = ("star", tree) if name == "*" else ("property", tree, ("literal", name))
            elif self.peek() == "*":
                self.take("*")
                self.take("]")
                tree = ("star", tree)
            else:
                index = self.binary(0)
                self.take("]")
                tree = ("property", tree, index)
        return tree


def _calls(tree: tuple) -> set[str]:
    """The names of the functions an expression calls."""
    names = {tree[1]} if tree[0] == "call" else set()
    for part in tree[1:]:
        if isinstance(part, tuple):
            names |= _calls(part)
        elif isinstance(part, list):
            for arg in part:
                names |= _calls(arg)
    return names


def truthy(value: object) -> bool:
    """GitHub's truthiness: false, 0, -0, '', null and NaN are false; everything else, objects too, true."""
    if isinstance(value, (list, Mapping)):
        return True
    if isinstance(value, float) and math.isnan(value):
        return False
    return value not in (False, 0, "", None)


def _number(value: object) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool):
        return float(value)
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip() or 0)
        except ValueError:
            return math.nan
    return math.nan


def _kind(value: object) -> str:
    if value is None or isinstance(value, (bool, str)):
        return type(value).__name__
    return "number" if isinstance(value, (int, float)) else "object"


def equal(left: object, right: object) -> bool:
    """`==`: strings without regard to case; operands of different types as numbers; an object
    or array equals only itself."""
    if _kind(left) == _kind(right):
        if isinstance(left, str):
            return left.casefold() == right.casefold()
        if isinstance(left, (list, dict)):
            return left is right
        return left == right
    return _number(left) == _number(right)


def _property(value: object, key: object) -> object:
    if isinstance(value, _Filtered):
        return _Filtered(v for v in (_property(item, key) for item in value) if v is not None)
    if isinstance(value, Mapping) and isinstance(key, str):
        if key in value:
            return value[key]
        return next((v for k, v in value.items() if isinstance(k, str) and k.casefold() == key.casefold()), None)
    if isinstance(value, list) and isinstance(key, float) and key.is_integer() and 0 <= key < len(value):
        return value[int(key)]
    return None


def _contains(search: object, item: object) -> bool:
    if isinstance(search, list):
        return any(equal(element, item) for element in search)
    return _text(item).casefold() in _text(search).casefold()


def _text(value: object) -> str:
    """A value as `${{ }}` puts it into a string: null as '', booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _evaluate(tree: tuple, contexts: Mapping[str, object], status: Status) -> object:
    kind = tree[0]
    if kind == "literal":
        return tree[1]
    if kind == "context":
        if tree[1] not in contexts:
            raise ExpressionError(f"no context {tree[1]!r} given (only {sorted(contexts)})")
        return contexts[tree[1]]
    if kind == "property":
        return _property(_evaluate(tree[1], contexts, status), _evaluate(tree[2], contexts, status))
    if kind == "star":
        value = _evaluate(tree[1], contexts, status)
        if isinstance(value, Mapping):
            return _Filtered(value.values())
        return _Filtered(value) if isinstance(value, list) else _Filtered()
    if kind == "!":
        return not truthy(_evaluate(tree[1], contexts, status))
    if kind in ("&&", "||"):
        left = _evaluate(tree[1], contexts, status)
        if truthy(left) == (kind == "||"):
            return left
        return _evaluate(tree[2], contexts, status)
    if kind in ("==", "!="):
        same = equal(_evaluate(tree[1], contexts, status), _evaluate(tree[2], contexts, status))
        return same if kind == "==" else not same
    if kind == "call":
        name, args = tree[1], [_evaluate(arg, contexts, status) for arg in tree[2]]
        if name in STATUS_FUNCTIONS and not args:
            return {"always": True, "cancelled": status.cancelled, "failure": status.failed,
                    "success": status.succeeded and not status.cancelled}[name]
        if name == "contains" and len(args) == 2:
            return _contains(*args)
        raise ExpressionError(f"{name}() with {len(args)} arguments is outside the subset")
    raise AssertionError(kind)


def evaluate(expression: str, contexts: Mapping[str, object], status: Status = Status()) -> object:
    """The value of one expression (the text inside `${{ }}`), with these contexts by name."""
    return _evaluate(_Parser(expression).parse(), contexts, status)


_PLACEHOLDER = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def interpolate(text: str, contexts: Mapping[str, object], status: Status = Status()) -> str:
    """A workflow's string with each `${{ ... }}` replaced by its value, as GitHub does."""
    return _PLACEHOLDER.sub(lambda m: _text(evaluate(m.group(1), contexts, status)), text)


def condition(text: str | bool | None, contexts: Mapping[str, object], status: Status = Status()) -> bool:
    """Whether a job or a step with this `if:` runs (no `if:` is `success()`). The `${{ }}`
    around it is optional; without a status function it is `success() && (...)`."""
    if text is None:
        text = "success()"
    if isinstance(text, bool):
        return text and status.succeeded and not status.cancelled
    inner = text.strip()
    if inner.startswith("${{") and inner.endswith("}}"):
        inner = inner[3:-2]
        if "${{" in inner:
            raise ExpressionError(f"more than one expression in an if: {text!r}")
    tree = _Parser(inner).parse()
    if not _calls(tree) & set(STATUS_FUNCTIONS):
        tree = ("&&", ("call", "success", []), tree)
    return truthy(_evaluate(tree, contexts, status))
