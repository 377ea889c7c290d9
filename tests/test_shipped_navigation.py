"""Shipped lessons and quiz modules appear in teaching order and link to each other."""


def test_module_list_follows_the_lessons_with_the_mixed_final_last(client, signed_in):
    signed_in()
    html = client.get("/quizzes/").get_data(as_text=True)
    positions = [
        html.index(f'href="/quizzes/{m}"')
        for m in ("primary-source", "conflicting-figures", "spot-unverified", "final-mixed")
    ]
    assert positions == sorted(positions)
