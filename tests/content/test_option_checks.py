"""Options that give the answer away: the two `content check` warnings, at the item, and what does not trigger them."""

from crosscheck.content.loading import load_catalog
from crosscheck.content.option_checks import correct_at_an_end, correct_is_longest
from tests.content.lesson_files import content_root, line_of

HEAD = "id: giveaways\ntitle: Giveaways\nskills: [unverified_claim]\nitems:\n"


def choice(n: int, right: str, wrong: str) -> str:
    """A choice item whose correct option is `right`."""
    return (
        f"  - id: c{n}\n    type: choice\n    skill: unverified_claim\n    articles: [nk-pow-hngn]\n"
        f"    prompt: Which?\n    options:\n      - text: {right}\n        correct: true\n"
        f"      - text: {wrong}\n"
    )


def multi(n: int, correct: int, wrong: int) -> str:
    """A multi item with that many correct and wrong options."""
    options = "".join(f"      - text: right {k}\n        correct: true\n" for k in range(correct))
    options += "".join(f"      - text: wrong {k}\n" for k in range(wrong))
    return (
        f"  - id: m{n}\n    type: multi\n    skill: unverified_claim\n    articles: [nk-pow-hngn]\n"
        f"    prompt: Which?\n    options:\n{options}"
    )


def problems(tmp_path, body: str) -> tuple[list[str], object]:
    root = content_root(tmp_path)
    (root / "quizzes").mkdir()
    path = root / "quizzes" / "giveaways.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    catalog = load_catalog(root)
    assert "giveaways" in catalog.quizzes  # warnings never stop a module from loading
    return [str(p) for p in catalog.problems if p.path == "quizzes/giveaways.yaml"], path


def test_correct_longest_in_more_than_a_third_of_choice_items_warns_at_each_such_option(tmp_path):
    body = choice(1, "The long right answer", "Short") + choice(2, "Another long right one", "Wrong")
    body += choice(3, "Right", "A wrong option that is longer")
    found, path = problems(tmp_path, body)
    message = (
        "warning: the correct option is the longest of this item's options, as it is in 2 of this module's 3 "
        "choice items (more than a third): a student can score by picking the longest; shorten it or lengthen "
        "a wrong option"
    )
    assert found == [
        f"quizzes/giveaways.yaml:{line_of(path, 'The long right answer')}:9: {message}",
        f"quizzes/giveaways.yaml:{line_of(path, 'Another long right one')}:9: {message}",
    ]


def test_a_third_or_less_and_ties_do_not_warn(tmp_path):
    body = choice(1, "The long right answer", "Short") + choice(2, "Right", "Longer wrong")
    body += choice(3, "Same size", "Size same")  # a tie is not "longest"
    assert problems(tmp_path, body)[0] == []


def test_a_multi_item_with_fewer_than_two_wrong_options_warns_at_its_options(tmp_path):
    found, path = problems(tmp_path, multi(1, 3, 1) + multi(2, 2, 0) + multi(3, 2, 2))
    assert found == [
        f"quizzes/giveaways.yaml:{line_of(path, 'id: m1') + 5}:5: warning: this multi item has 1 wrong option; "
        "give it at least 2, or ticking every option scores without reading",
        f"quizzes/giveaways.yaml:{line_of(path, 'id: m2') + 5}:5: warning: this multi item has 0 wrong options; "
        "give it at least 2, or ticking every option scores without reading",
    ]


def test_length_is_what_the_student_reads():
    options = [{"text": "a  b   c", "correct": True}, {"text": "abcde", "correct": False}]
    assert correct_is_longest({"options": options}) is None  # runs of spaces count once: 5 against 5, a tie
    options[0]["text"] = "a  b   c d"
    assert correct_is_longest({"options": options}) == 0


def test_a_correct_option_almost_never_at_either_end_of_the_lengths_warns_once_at_items(tmp_path):
    middle = [choice3(n, "Middling", "Short", "The longest of all") for n in range(1, 5)]
    found, path = problems(tmp_path, "".join(middle))
    assert found == [
        f"quizzes/giveaways.yaml:{line_of(path, 'items:')}:1: warning: the correct option is the longest or the "
        "shortest of its item's options in only 0 of this module's 4 choice items (fewer than a quarter): a "
        "student can score by ruling out the longest and the shortest; make the correct option the longest or "
        "the shortest in more items"
    ]


def test_a_quarter_at_an_end_or_fewer_than_four_choice_items_do_not_warn(tmp_path):
    middle = [choice3(n, "Middling", "Short", "The longest of all") for n in range(1, 4)]
    (tmp_path / "three").mkdir()
    assert problems(tmp_path / "three", "".join(middle))[0] == []  # three choice items say nothing
    shortest = choice3(4, "Right", "Wrong one", "The longest of all")  # 1 of 4 at an end: not fewer than a quarter
    (tmp_path / "four").mkdir()
    assert problems(tmp_path / "four", "".join(middle) + shortest)[0] == []


def test_at_an_end_means_longer_or_shorter_than_every_other_option():
    def options(*texts):
        return {"options": [{"text": text, "correct": n == 0} for n, text in enumerate(texts)]}

    assert correct_at_an_end(options("longest one", "short", "mid size"))
    assert correct_at_an_end(options("a", "short", "mid size"))
    assert not correct_at_an_end(options("mid size", "short", "longest one"))
    assert not correct_at_an_end(options("short", "short", "longest one"))  # a tie for shortest is no end


def choice3(n: int, right: str, wrong: str, other: str) -> str:
    """A choice item with three options, the first (`right`) correct."""
    return choice(n, right, wrong) + f"      - text: {other}\n"
