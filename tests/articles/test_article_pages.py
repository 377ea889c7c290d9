"""Library, reader and compare pages for every role, and their refusals."""

import shutil

import pytest

from crosscheck.config import PROJECT_ROOT
from tests.conftest import PASSWORD, Builders, login, page_csrf_token

PAGES = ["/articles/", "/articles/nk-pow-kyivpost", "/articles/compare?a=nk-pow-kyivpost&a=nk-pow-hngn"]


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize("role", ["student", "teacher", "admin"])
@pytest.mark.parametrize("url", PAGES)
def test_every_role_may_read(client, signed_in, role, url):
    signed_in(role)
    assert client.get(url).status_code == 200


def test_library_lists_outlet_headline_kind_date_and_length(client, signed_in):
    signed_in()
    html = client.get("/articles/").get_data(as_text=True)
    assert "Kyiv Post" in html and "HNGN" in html and "The Diplomat" in html
    assert html.count("outlet not named in the text") == 2
    # None of the five texts states when it was published; a date of an event in a text is not the text's date.
    assert html.count("no date in the text") == 5 and "Monday morning" not in html
    assert "analysis" in html and "words" in html
    assert "No headline in the text" in html


def test_reader_says_no_date_and_what_the_text_dates_instead(client, signed_in):
    signed_in()
    html = client.get("/articles/nk-pow-kyivpost").get_data(as_text=True)
    assert "<em>no date in the text</em>" in html
    assert "it dates the interview it reports" in html and "on Monday morning" in html


def test_reader_links_every_sentence_and_hides_furniture(client, signed_in):
    signed_in()
    html = client.get("/articles/nk-pow-kyivpost").get_data(as_text=True)
    assert 'id="p12s2"' in html and 'href="#p12"' in html
    assert "JOIN US ON TELEGRAM" not in html
    assert "Show it, marked" in html
    shown = client.get("/articles/nk-pow-kyivpost?furniture=show").get_data(as_text=True)
    assert "JOIN US ON TELEGRAM" in shown and "Not the article · subscribe prompt" in shown


def test_reader_states_when_outlet_is_not_named(client, signed_in):
    signed_in()
    html = client.get("/articles/nk-pow-glimpse").get_data(as_text=True)
    assert "outlet not named in the text" in html
    assert "never names the outlet" in html


def test_unknown_article_is_a_404_in_the_layout(client, signed_in):
    signed_in()
    response = client.get("/articles/no-such-article")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in html and "no-such-article" in html and 'class="site-header"' in html


def test_compare_shows_headline_and_lead_side_by_side(client, signed_in):
    signed_in()
    html = client.get("/articles/compare?a=nk-pow-glimpse&a=nk-pow-hngn&a=nk-pow-kyivpost").get_data(as_text=True)
    assert "Troops Detained in Ukraine Give Rare Glimpse" in html
    assert "Captured North Korean soldiers have disclosed" in html
    assert "the text carries no headline" in html


def test_compare_needs_two_to_five_known_articles(client, signed_in):
    signed_in()
    assert client.get("/articles/compare").status_code == 200
    assert "Choose at least two" in client.get("/articles/compare?a=nk-pow-hngn").get_data(as_text=True)
    assert client.get("/articles/compare?a=nk-pow-hngn&a=nope").status_code == 404


def test_no_traceback_on_server_error(client, signed_in, monkeypatch):
    signed_in()
    import crosscheck.articles.routes as routes

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(routes, "get_catalog", boom)
    response = client.get("/articles/")
    html = response.get_data(as_text=True)
    assert response.status_code == 500 and "secret internals" not in html and "Something went wrong" in html


def test_every_page_carries_a_csrf_meta_tag_that_forms_accept(client, build):
    user = build.user()
    anonymous = page_csrf_token(client.get("/login").get_data(as_text=True))
    response = client.post("/login", data={"csrf_token": anonymous, "username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    signed_in = page_csrf_token(client.get("/articles/").get_data(as_text=True))
    assert signed_in and client.post("/logout", data={"csrf_token": signed_in}).status_code == 302
    assert page_csrf_token(client.get("/no-such-page").get_data(as_text=True))  # error pages too


def test_compare_lists_whom_each_article_quotes_or_cites(client, signed_in):
    signed_in()
    html = client.get("/articles/compare?a=nk-pow-kyivpost&a=nk-pow-hngn").get_data(as_text=True)
    cited = html.split("Quotes or cites", 1)[1]
    assert "The captured North Korean soldier, in the interview video" in cited
    assert "interrogation footage" in cited and "intelligence briefing" in cited
    assert cited.count("South Korea’s National Intelligence Service (NIS)") == 1  # cited twice, listed once
    assert "Chosun Daily, a South Korean newspaper" in cited and "other outlet" in cited
    assert (
        "relayed: two North Korean prisoners of war held in Ukraine, speaking from a Ukrainian POW camp → Chosun Daily, in exclusive interviews → HNGN"
        in cited
    )
    assert 'href="/articles/nk-pow-hngn#p5s1"' in cited  # each name links to where the article cites it
    assert "No sources annotated yet" not in cited


def test_compare_without_annotations_says_so(make_app, tmp_path):
    shutil.copytree(PROJECT_ROOT / "seeds", tmp_path / "seeds", ignore=shutil.ignore_patterns("*.annotations.yaml"))
    app = make_app(CONTENT_DIR=str(tmp_path))
    client = app.test_client()
    with app.app_context():
        username = Builders().user().username
    login(client, username)
    html = client.get("/articles/compare?a=nk-pow-kyivpost&a=nk-pow-hngn").get_data(as_text=True)
    assert html.count("No sources annotated yet.") == 2
