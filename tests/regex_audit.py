"""Finds the regex shapes that backtrack super-linearly, by reading the compiled pattern.

No clock: a pattern is read with Python's own regex parser and refused when it has
- two unbounded repeats that can take the same character with only optional items between them
  (`\\s*(?:<p>)?\\s*`, `[^>]*?\\s*`): every split of a long run between them is tried;
- an unbounded repeat inside another one, where the inner one's characters can start the outer
  body again (`(a+)+`, `(\\s*x?)*`): the runs can be cut in exponentially many ways.
Characters are compared over a sample alphabet covering what user text is made of.
"""

import re
from re import _constants as c
from re import _parser

SAMPLE = " \t\n\xa0aZz09_<>/\"'=-.,&;:#?()[]*+é中ğ\u0645"
_CATEGORIES = {
    c.CATEGORY_DIGIT: r"\d",
    c.CATEGORY_NOT_DIGIT: r"\D",
    c.CATEGORY_SPACE: r"\s",
    c.CATEGORY_NOT_SPACE: r"\S",
    c.CATEGORY_WORD: r"\w",
    c.CATEGORY_NOT_WORD: r"\W",
}
REPEATS = {c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT}


def _category(code):
    return {ch for ch in SAMPLE if re.fullmatch(_CATEGORIES[code], ch)}


def _in_set(items):
    chars, negate = set(), False
    for op, arg in items:
        if op is c.NEGATE:
            negate = True
        elif op is c.LITERAL:
            chars.add(chr(arg))
        elif op is c.RANGE:
            chars |= {ch for ch in SAMPLE if arg[0] <= ord(ch) <= arg[1]}
        elif op is c.CATEGORY:
            chars |= _category(arg)
    return set(SAMPLE) - chars if negate else chars & set(SAMPLE)


def chars_of(item, ignore_case):
    """Every sample character `item` can consume anywhere in it."""
    op, arg = item
    if op is c.LITERAL:
        ch = chr(arg)
        return {ch, ch.lower(), ch.upper()} if ignore_case else {ch}
    if op is c.NOT_LITERAL:
        return set(SAMPLE) - {chr(arg)}
    if op is c.ANY:
        return set(SAMPLE)
    if op is c.IN:
        found = _in_set(arg)
        return found | {ch.swapcase() for ch in found} if ignore_case else found
    if op in REPEATS:
        return _seq_chars(arg[2], ignore_case)
    if op is c.SUBPATTERN:
        return _seq_chars(arg[3], ignore_case)
    if op is c.ATOMIC_GROUP:
        return _seq_chars(arg, ignore_case)
    if op is c.BRANCH:
        return set().union(*(_seq_chars(b, ignore_case) for b in arg[1]))
    return set()  # AT, ASSERT, ASSERT_NOT, GROUPREF: consume nothing of their own here


def _seq_chars(seq, ignore_case):
    return set().union(set(), *(chars_of(item, ignore_case) for item in seq))


def nullable(item):
    op, arg = item
    if op in REPEATS:
        return arg[0] == 0 or all(nullable(i) for i in arg[2])
    if op is c.SUBPATTERN:
        return all(nullable(i) for i in arg[3])
    if op is c.BRANCH:
        return any(all(nullable(i) for i in b) for b in arg[1])
    return op in (c.AT, c.ASSERT, c.ASSERT_NOT)


def _edge_runs(seq, ignore_case, from_end):
    """Characters of unbounded repeats that can sit at the start (or end) of `seq`."""
    found = set()
    for item in reversed(seq) if from_end else seq:
        found |= _item_edge_runs(item, ignore_case, from_end)
        if not nullable(item):
            break
    return found


def _item_edge_runs(item, ignore_case, from_end):
    op, arg = item
    if op in REPEATS and arg[1] == c.MAXREPEAT:
        return _edge_chars(arg[2], ignore_case, from_end)
    if op in REPEATS:
        return _edge_runs(arg[2], ignore_case, from_end)
    if op is c.SUBPATTERN:
        return _edge_runs(arg[3], ignore_case, from_end)
    if op is c.BRANCH:
        return set().union(*(_edge_runs(b, ignore_case, from_end) for b in arg[1]))
    return set()


def _edge_chars(seq, ignore_case, from_end=False):
    """The characters `seq` can consume first (or, from_end, last)."""
    found = set()
    for item in reversed(seq) if from_end else seq:
        op, arg = item
        if op in REPEATS:
            found |= _edge_chars(arg[2], ignore_case, from_end)
        elif op is c.SUBPATTERN:
            found |= _edge_chars(arg[3], ignore_case, from_end)
        elif op is c.BRANCH:
            found |= set().union(*(_edge_chars(b, ignore_case, from_end) for b in arg[1]))
        else:
            found |= chars_of(item, ignore_case)
        if not nullable(item):
            break
    return found


def problems(pattern):
    """What makes `pattern` (a compiled regex) backtrack super-linearly; empty when nothing."""
    ignore_case = bool(pattern.flags & re.IGNORECASE)
    found = []
    _walk(_parser.parse(pattern.pattern, pattern.flags).data, ignore_case, found)
    return found


def _walk(seq, ignore_case, found):
    for i, item in enumerate(seq):
        tail = _item_edge_runs(item, ignore_case, from_end=True)
        for later in seq[i + 1 :]:
            shared = tail & _item_edge_runs(later, ignore_case, from_end=False)
            if tail and shared:
                found.append(f"adjacent unbounded repeats share {sorted(shared)}")
                break
            if not nullable(later):
                break
        op, arg = item
        if op in REPEATS:
            body = arg[2]
            if arg[1] == c.MAXREPEAT:
                inner = _inner_runs(body, ignore_case)
                shared = inner & _edge_chars(body, ignore_case)
                if shared:
                    found.append(f"nested unbounded repeats share {sorted(shared)}")
            _walk(body, ignore_case, found)
        elif op is c.SUBPATTERN:
            _walk(arg[3], ignore_case, found)
        elif op is c.ATOMIC_GROUP:
            _walk(arg, ignore_case, found)
        elif op is c.BRANCH:
            for branch in arg[1]:
                _walk(branch, ignore_case, found)
        elif op in (c.ASSERT, c.ASSERT_NOT):
            _walk(arg[1], ignore_case, found)


def _inner_runs(seq, ignore_case):
    """Characters of the unbounded repeats anywhere inside `seq`."""
    found = set()
    for op, arg in seq:
        if op in REPEATS:
            if arg[1] == c.MAXREPEAT:
                found |= _seq_chars(arg[2], ignore_case)
            found |= _inner_runs(arg[2], ignore_case)
        elif op is c.SUBPATTERN:
            found |= _inner_runs(arg[3], ignore_case)
        elif op is c.BRANCH:
            for branch in arg[1]:
                found |= _inner_runs(branch, ignore_case)
    return found
