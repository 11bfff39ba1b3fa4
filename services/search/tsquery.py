"""PostgreSQL's text form of a tsquery, read into a tree that services.search.text_index can evaluate.

The search builds its query text in services.search.terms and lets PostgreSQL's ``to_tsquery`` apply each
language's configuration (stemming, stop words), exactly as when the documents were built; what comes back, e.g.
``'ohjaus' | 'opinto' & 'ohjaus'``, is parsed here. Phrases (``<->``), prefixes (``:*``) and weights (``:A``)
depend on positions or on more than the lexeme, which the postings do not keep: the parser refuses them
(:class:`Unsupported`) and the search asks PostgreSQL instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class Unsupported(ValueError):
    """The query uses an operator the postings cannot answer."""


@dataclass(frozen=True)
class Lexeme:
    text: str


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    left: Node
    right: Node


@dataclass(frozen=True)
class Or:
    left: Node
    right: Node


Node = Lexeme | Not | And | Or

_TOKEN = re.compile(r"\s*(?:('(?:[^']|'')*')(:[*A-Da-d]+)?|(<\d*-?>)|([&|!()]))")


def parse(text: str) -> Node | None:
    """The tree of ``text`` (a tsquery as PostgreSQL prints it); None for the empty query, which matches
    nothing."""
    tokens: list[str] = []
    position = 0
    while position < len(text.rstrip()):
        found = _TOKEN.match(text, position)
        if found is None:
            raise Unsupported(f"cannot read the tsquery at {position}: {text[position : position + 20]!r}")
        lexeme, modifier, phrase, operator = found.groups()
        if modifier or phrase:
            raise Unsupported("phrases, prefixes and weights need PostgreSQL")
        tokens.append(lexeme or operator)
        position = found.end()
    if not tokens:
        return None
    parser = _Parser(tokens)
    node = parser.or_expression()
    if parser.position != len(tokens):
        raise Unsupported(f"unexpected {tokens[parser.position]!r} in the tsquery")
    return node


class _Parser:
    """Recursive descent in PostgreSQL's precedence: ! binds tighter than &, & tighter than |."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.position = 0

    def _peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def _take(self) -> str:
        token = self._peek()
        if token is None:
            raise Unsupported("the tsquery ends too early")
        self.position += 1
        return token

    def or_expression(self) -> Node:
        node = self.and_expression()
        while self._peek() == "|":
            self._take()
            node = Or(node, self.and_expression())
        return node

    def and_expression(self) -> Node:
        node = self.unary()
        while self._peek() == "&":
            self._take()
            node = And(node, self.unary())
        return node

    def unary(self) -> Node:
        symbol = self._take()
        if symbol == "!":
            return Not(self.unary())
        if symbol == "(":
            node = self.or_expression()
            if self._take() != ")":
                raise Unsupported("unbalanced parentheses in the tsquery")
            return node
        if symbol.startswith("'"):
            return Lexeme(symbol[1:-1].replace("''", "'").replace("\\\\", "\\"))
        raise Unsupported(f"unexpected {symbol!r} in the tsquery")
