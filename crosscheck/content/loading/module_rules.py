"""Checks of a quiz module that no schema can make: a reveal and score policy that reward copying the key
into a later attempt; pools that ask more items than they have; a pre-test / post-test pair whose modules do
not test the same skills."""

from __future__ import annotations

from crosscheck.content.errors import Problem
from crosscheck.content.validation import did_you_mean
from crosscheck.content.yamlsafe import YamlDoc

COPYABLE_SCORES = ("highest", "latest")


def settings_problems(doc: YamlDoc, rel: str, settings) -> list[Problem]:
    """Warnings about the module's settings, at the line of the setting to change."""
    problems = []
    if settings.feedback == "each" and settings.attempts != 1 and settings.score in COPYABLE_SCORES:
        has_score = isinstance(doc.data.get("settings"), dict) and "score" in doc.data["settings"]
        where = doc.where(("settings", "score") if has_score else ("settings", "feedback"))
        message = (
            f"feedback after each item with {settings.attempts or 'unlimited'} attempts and score "
            f"{settings.score!r}: a student can answer at random, read the key and copy it into the next attempt"
        )
        problems.append(Problem(rel, *where, message, "warning", fix="use score: first or mean, or attempts: 1"))
    return problems


def pair_problems(modules: dict, docs: dict[str, YamlDoc]) -> list[Problem]:
    """Errors of each post-test's `pre_test:`, at that line; the caller drops a post-test with one."""
    problems, pre_of = [], {}
    for module in sorted(modules.values(), key=lambda m: m.path):
        if module.pre_test is None or module.path not in docs:
            continue
        where = docs[module.path].where(("pre_test",))
        pre = modules.get(module.pre_test)
        if module.pre_test == module.id:
            message = "a module cannot be its own pre-test"
        elif pre is None:
            message = f"unknown pre-test module {module.pre_test!r}{did_you_mean(module.pre_test, modules)}"
        elif pre.pre_test is not None:
            message = f"{pre.id!r} is the post-test of {pre.pre_test!r}; a pre-test cannot have a pre-test itself"
        elif pre.id in pre_of:
            message = f"{pre.id!r} is already the pre-test of {pre_of[pre.id]!r}: a pre-test belongs to one pair"
        elif pre.item_skills != module.item_skills:
            message = (
                f"a pre-test and its post-test test the same skills: {pre.id!r} has items on "
                f"{', '.join(sorted(pre.item_skills))}, this module on {', '.join(sorted(module.item_skills))}"
            )
        else:
            pre_of[pre.id] = module.id
            continue
        problems.append(Problem(module.path, *where, message))
    return problems


def pool_problems(doc: YamlDoc, rel: str, pools, items) -> list[Problem]:
    """Errors of the module's `pools:`, each at its line: a skill pooled twice, a draw larger than the items on
    its skill, items of one pool with different points (every student's maximum must be the same)."""
    problems, seen = [], set()
    for n, pool in enumerate(pools):
        on_skill = [item for item in items if item.skill == pool.skill]
        points = sorted({item.points for item in on_skill})
        if pool.skill in seen:
            at, message = ("skill",), f"skill {pool.skill!r} already has a pool: one pool per skill"
        elif pool.draw > len(on_skill):
            at = ("draw",)
            message = (
                f"the pool draws {pool.draw} item{'' if pool.draw == 1 else 's'} on skill {pool.skill!r} but the "
                f"module has {len(on_skill)}"
            )
        elif len(points) > 1:
            at = ("skill",)
            message = (
                f"the items on skill {pool.skill!r} give different points ({', '.join(map(str, points))}): a pool's "
                "items give the same points, so every attempt has the same maximum"
            )
        else:
            seen.add(pool.skill)
            if pool.draw == len(on_skill):
                where = doc.where(("pools", n, "draw"))
                message = f"the pool draws every item on skill {pool.skill!r}: each attempt shows the same ones"
                problems.append(Problem(rel, *where, message, "warning"))
            continue
        seen.add(pool.skill)
        problems.append(Problem(rel, *doc.where(("pools", n, *at)), message))
    return problems
