"""Display names: what a person may call themselves, and how pages tell two people of the same name apart.

A name keeps letters, marks, digits, punctuation, symbols and single spaces. Characters that change how text
around them is shown without being seen themselves are dropped: right-to-left and other direction overrides
and isolates, zero-width spaces and joiners, soft hyphens, byte-order marks (Unicode's "format" category Cf),
control characters, and line or paragraph separators. So "Ana\u202eeveS" cannot display as another name.

Two names are the same when they look the same once case, compatibility forms (full-width letters, ligatures)
and spacing are set aside; pages that list people show the username beside such names. Look-alike letters of
other scripts (a Cyrillic "а" for a Latin "a") are not caught: the username stays on the student's own page and
in every CSV.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable

_DROPPED = {"Cf", "Cc", "Cs", "Co", "Cn", "Zl", "Zp"}  # format, control, surrogate, private, unassigned, separators


def clean_display_name(name: str | None) -> str:
    """The name without invisible or direction-changing characters, spaces collapsed, trimmed ('' if none left)."""
    if name is None:
        return ""
    kept = (" " if ch.isspace() else ch for ch in unicodedata.normalize("NFC", name))
    kept = (ch for ch in kept if unicodedata.category(ch) not in _DROPPED)
    return " ".join("".join(kept).split())


def same_name_key(name: str) -> str:
    """What two names must share to look the same on a page."""
    return " ".join(unicodedata.normalize("NFKC", clean_display_name(name)).casefold().split())


def shared_names(names: Iterable[str]) -> set[str]:
    """The same_name_key of every name that more than one person in `names` has."""
    counts = Counter(same_name_key(name) for name in names)
    return {key for key, count in counts.items() if count > 1}


def name_label(name: str, username: str, shared: set[str]) -> str:
    """'Ana Lee', or 'Ana Lee (ana2)' when `shared` (from shared_names) says someone else has that name too."""
    return f"{name} ({username})" if same_name_key(name) in shared else name


def labels_by_id(people: Iterable[tuple[int, str, str]]) -> dict[int, str]:
    """{id: name_label} of (id, name, username) rows, each person counted once however many rows they have."""
    unique = {person_id: (name, username) for person_id, name, username in people}
    shared = shared_names(name for name, _ in unique.values())
    return {person_id: name_label(name, username, shared) for person_id, (name, username) in unique.items()}
