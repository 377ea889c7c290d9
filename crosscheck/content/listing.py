"""Plain-text listings for authors: how an article splits into paragraphs and sentences.

A highlight item's student selects whole sentences, so its author needs to see where the splitter cuts (the
reader's anchors, such as #p12s2, are the same ids). `content sentences ARTICLE` prints this listing.
"""

from __future__ import annotations

from crosscheck.content.articles import Article, Paragraph


def sentence_listing(article: Article, paragraph_ids: tuple[str, ...] = ()) -> list[str]:
    """One line per paragraph (id, role, file line) and one per sentence (id and text), in reading order."""
    lines = [f"{article.id}: {article.title} ({article.path})"]
    for paragraph in article.paragraphs:
        if paragraph_ids and paragraph.id not in paragraph_ids:
            continue
        lines.append(f"{paragraph.id} {_role(paragraph)}, line {paragraph.line}")
        lines += [f"  {sentence.id}  {sentence.text}" for sentence in paragraph.sentences]
    return lines


def _role(paragraph: Paragraph) -> str:
    """'body', 'headline', or 'furniture (photo caption): not the article'."""
    if paragraph.is_furniture:
        return f"furniture ({paragraph.furniture_kind}): not the article"
    return paragraph.role
