"""The text form of a tsquery, read into a tree that services.search.text_index can evaluate.

The search builds its query text in services.search.terms (quoted words, e.g. ``'ohjaus' | 'opinto' & 'ohjaus'``)
for PostgreSQL's ``to_tsquery``, which the ranking statements call. For the match in memory the same text is
parsed here and each word is replaced by its lexeme in a language's configuration (:func:`normalised`), as
``to_tsquery`` does: the lexemes come from PostgreSQL (``to_tsvector`` of each word, read in the statement that
looks the words up), so stemming and stop words are the configuration's own, exactly as when the documents were
built. Phrases (``<->``), prefixes (``:*``) and weights (``:A``) depend on positions or on more than the lexeme,
which the postings do not keep: the parser refuses them (:class:`Unsupported`) and the search asks PostgreSQL
instead.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
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


def normalised(node: Node | None, lexemes: Mapping[str, Sequence[str]]) -> Node | None:
    """The tree with each word replaced by its lexeme (``lexemes``: a word → its lexemes in one configuration),
    as ``to_tsquery`` does: a stop word (no lexeme) is left out, and so is an operator left with nothing to join;
    None when nothing is left. A word without a known lexeme, or with several (``to_tsquery`` would make a
    phrase of them) but for a hyphenated word, raises :class:`Unsupported`: then PostgreSQL matches the query."""
    if node is None:
        return None
    if isinstance(node, Lexeme):
        found = lexemes.get(node.text)
        if found and len(found) > 1 and "-" in node.text:
            # A hyphenated word written whole (services.search.terms._alternative): to_tsquery makes a phrase of
            # the whole word's lexeme and its parts', which every document holding the whole word matches, and
            # only those; here the AND of the same lexemes, which those documents hold too.
            return functools.reduce(And, (Lexeme(lexeme) for lexeme in found))
        if found is None or len(found) > 1:
            raise Unsupported(f"no single lexeme known for {node.text!r}")
        return Lexeme(found[0]) if found else None
    if isinstance(node, Not):
        operand = normalised(node.operand, lexemes)
        return None if operand is None else Not(operand)
    left, right = normalised(node.left, lexemes), normalised(node.right, lexemes)
    if left is None or right is None:
        return left or right
    return type(node)(left, right)


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
