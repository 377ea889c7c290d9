"""Small annotation files for directive tests: a few claims, figures, sources and quotes of the real articles."""

from tests.content.lesson_files import write_annotations

ALL = ["nk-pow-kyivpost", "nk-pow-captives", "nk-pow-glimpse", "nk-pow-hngn", "nk-pow-diplomat"]

QUANTITIES = """
nk_killed:
  label: North Korean soldiers killed
  unit: soldiers
  description: How many were killed.
nk_wounded:
  label: North Korean soldiers wounded
  unit: soldiers
  description: How many were wounded.
release_day:
  label: When the video was published
  unit: day
  description: The day, as the text states it.
"""

KYIVPOST = """
article: nk-pow-kyivpost
figures:
  - id: t-kp-killed
    quote: approximately 300 North Korean soldiers have been killed
    quantity: nk_killed
    value: approximately 300
    low: 300
    high: 300
    unit: soldiers
    given_by: South Korea’s National Intelligence Service (NIS)
    when: recently
  - id: t-kp-monday
    quote: published by Ukraine’s President Volodymyr Zelensky on Monday morning
    quantity: release_day
    value: on Monday morning
    unit: day
    given_by: not attributed in the text
quotes:
  - key: fewer-mountains
    speaker: the North Korean soldier, in the video
    quote: “I only know that South Korea has fewer mountains than North Korea.”
  - key: heavy-equipment
    speaker: the North Korean soldier, in the video
    quote: “There were a few soldiers from North Korea who were trained to use heavy Russian equipment
"""

CAPTIVES = """
article: nk-pow-captives
sources:
  - id: t-cap-video
    name: the North Korean prisoner, in the video
    kind: interrogation_footage
    access: relayed
    chain:
      - the North Korean prisoner, interrogated by the SBU
      - Volodymyr Zelensky, in a video attached to his Telegram post
      - outlet not named in the text
    quote: In the video attached to the Ukrainian president's post
quotes:
  - key: fewer-mountains
    speaker: the captured soldier
    quote: '"I only know South Korea has fewer mountains than North Korea,"'
"""

GLIMPSE = """
article: nk-pow-glimpse
claims:
  - id: t-gl-appeared
    quote: They appeared to back up what South Korean and U.S. officials have said in recent weeks
    attributed_to: the outlet itself
    presentation: analysis
    inferences: [appeared to]
  - id: t-gl-edited
    quote: The soldiers’ answers came in footage provided and edited by Ukraine
    attributed_to: the outlet itself
    presentation: reported_as_fact
figures:
  - id: t-gl-killed
    quote: it estimates 300 North Korean soldiers have been killed
    quantity: nk_killed
    value: "300"
    low: 300
    high: 300
    unit: soldiers
    given_by: South Korea’s National Intelligence Service, as it told lawmakers
    when: on Monday
  - id: t-gl-sunday
    quote: posted on the social media platform X on Sunday
    quantity: release_day
    value: on Sunday
    unit: day
    given_by: not attributed in the text
sources:
  - id: t-gl-footage
    name: the two soldiers, in footage provided and edited by Ukraine
    kind: interrogation_footage
    access: relayed
    chain:
      - the two North Korean prisoners, questioned by a Ukrainian official
      - Ukraine, which provided and edited the footage
      - outlet not named in the text
    quote: footage provided and edited by Ukraine, which controlled the production and release of the video
"""

HNGN = """
article: nk-pow-hngn
claims:
  - id: t-hn-unverified
    quote: However, HNGN cannot independently verify the claims.
    attributed_to: the outlet itself
    presentation: unverified
    signals: [cannot independently verify]
    hedges: [cannot independently verify]
  - id: t-hn-chosun
    quote: The South Korean newspaper Chosun Daily reported the findings
    attributed_to: Chosun Daily
    presentation: attributed
    signals: [reported]
figures:
  - id: t-hn-killed
    quote: approximately 4,000 casualties, with two-thirds of those killed in action
    quantity: nk_killed
    value: two-thirds of approximately 4,000
    low: 2667
    high: 2667
    unit: soldiers
    given_by: Ukrainian President Volodymyr Zelensky
    when: previously
sources:
  - id: t-hn-src-chosun
    name: Chosun Daily
    kind: other_outlet
    access: relayed
    chain:
      - two North Korean prisoners of war
      - the South Korean newspaper Chosun Daily, in exclusive interviews
      - HNGN
    quote: citing exclusive interviews with two North Korean prisoners of war
"""


def write_small_annotations(root) -> None:
    """Quantities and four small annotation files in the content root."""
    write_annotations(root, "quantities", QUANTITIES)
    write_annotations(root, "000-kyivpost", KYIVPOST)
    write_annotations(root, "001-captives", CAPTIVES)
    write_annotations(root, "002-glimpse", GLIMPSE)
    write_annotations(root, "003-hngn", HNGN)
