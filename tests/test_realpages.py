"""Real Government pages, read in place from ``../shared/realpages`` (never copied here).

The 33 pages are real HTML as the Government's sites served them (``README.md`` and ``index.tsv``
there): 32 press releases of the GIA layout (2017 on: ``#PRHeadline``, ``span#pressrelease``,
the ``Ends/`` footer inside it), health releases and the Chief Executive's speeches, and one
speech page of the Chief Executive's own site. None is about a co-operation meeting.

Each page must give its exact headline (as the page prints it: a headline split over several
``<span>``s is one, "F" + "ifth" is "Fifth"), its whole body (its first words, and its last
paragraph before ``Ends/``; no section cut as an unrelated article, as 004's "Health advice"
once was), the right reader, and ``relevant: false`` with its reason in words. The expected
values were read off the HTML by hand.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import NamedTuple

import pytest

from cooptrack.pipeline import parse_path
from cooptrack.record import Record
from cooptrack.vocab import Flag, RemovalReason

REALPAGES = Path(__file__).resolve().parents[1].parent / "shared" / "realpages"

pytestmark = pytest.mark.skipif(
    not REALPAGES.is_dir(), reason=f"the real pages are not beside the clone ({REALPAGES} is absent)"
)


class Page(NamedTuple):
    headline: str
    first: str  # the body's first words
    last: str  # words of the body's last paragraph (or list item) before "Ends/"
    reader: str = "gia"


HOSPITAL = "The following is issued on behalf of the Hospital Authority:"
CHP = "The Centre for Health Protection (CHP) of the Department of Health"
DAILY = "Public hospital daily update on Wuhan-related cases"
MERS = "Suspected MERS case reported"
TOURS = "Tour leaders and tour guides operating overseas tours are advised to refer to the CHP's health advice on MERS."
SPEECH = "Following is the speech by the Chief Executive, Mrs Carrie Lam, at"
THANKS = "Thank you very much."

PAGES: dict[str, Page] = {
    "001": Page(
        "CHP closely monitors cluster of pneumonia cases on Mainland",
        f"{CHP} is today (December 31) closely monitoring",
        "wear a surgical mask to help prevent spread of the disease.",
    ),
    "002": Page(MERS, f"{CHP} today (December 31) reported a suspected case", TOURS),
    "003": Page(
        "Public hospitals heighten vigilance against suspected pneumonia cases on Mainland",
        HOSPITAL,
        "The HA will keep close communication with the Centre of Health Protection of the DH to monitor the "
        "development of the situation.",
    ),
    "004": Page(
        "Government holds inter-departmental meeting on cluster of pneumonia cases in Wuhan (with photo)",
        "The Government today (January 2) held an inter-departmental meeting",
        "avoid going to crowded places and seek medical advice promptly.",
    ),
    "005": Page(
        "CHP provides latest information on cluster of pneumonia cases in Wuhan (with photo)",
        f"{CHP} (DH) today (January 3) received notification",
        "wear a surgical mask to help prevent spread of the disease.",
    ),
    "006": Page(
        DAILY,
        f"{HOSPITAL} As at noon today (January 4)",
        "public hospitals have reported eight concerned patient cases to DH since December 31, 2019. Five of them "
        "have been discharged.",
    ),
    "007": Page(
        DAILY,
        f"{HOSPITAL} As at noon today (January 5)",
        "public hospitals have reported 15 concerned patient cases to DH since December 31, 2019. Five of them "
        "have been discharged.",
    ),
    "008": Page(MERS, f"{CHP} today (January 5) reported a suspected case", TOURS),
    "009": Page(
        DAILY,
        f"{HOSPITAL} As at noon today (January 6)",
        "public hospitals have reported 21 patient cases to the DH since December 31, 2019. Seven of the patients "
        "have been discharged.",
    ),
    "010": Page(MERS, f"{CHP} today (January 6) reported a suspected case", TOURS),
    "011": Page(
        DAILY,
        f"{HOSPITAL} As at noon today (January 7)",
        "public hospitals have reported 30 patient cases to the DH since December 31, 2019. Thirteen of the "
        "patients have been discharged.",
    ),
    "012": Page(
        "Blood Donation Precautionary Measures in Response to the Wuhan Pneumonia Cases",
        f"{HOSPITAL} The Hong Kong Red Cross Blood Transfusion Service",
        "to maintain a stable blood supply for patients in need throughout the long holiday.",
    ),
    "013": Page(
        "Suspected case tests negative for MERS-CoV",
        "The Centre for Health Protection of the Department of Health today (January 7) reported",
        "upon preliminary testing, tested negative for MERS Coronavirus.",
    ),
    "014": Page(
        DAILY,
        f"{HOSPITAL} As at noon today (January 8)",
        "public hospitals have reported 38 patient cases to the DH since December 31, 2019. Twenty-one of the "
        "patients have been discharged.",
    ),
    "015": Page(
        "Public hospitals further enhances surveillance and infection control measures",
        f"{HOSPITAL} The Hospital Authority (HA) convened the Central",
        "to timely inform the public and healthcare workers the latest information.",
    ),
    "016": Page(
        "Update on latest MERS situation in United Arab Emirates",
        f"{CHP} is today (January 9) closely monitoring",
        TOURS,
    ),
    "017": Page(
        DAILY,
        f"{HOSPITAL} As at noon today (January 9), public hospitals",
        "to inform the public and healthcare workers on the latest information in a timely manner.",
    ),
    "018": Page(
        "CHP provides update on latest progress on cluster of pneumonia cases in Wuhan",
        f"{CHP} today (January 9) received notification",
        "always maintain good personal and environmental hygiene when travelling abroad.",
    ),
    "019": Page(
        "Speech by CE at HKEX 22nd Anniversary Celebrations (English only) (with photos/video)",
        f"{SPEECH} the Hong Kong Exchanges and Clearing Limited",
        f"locally and beyond. {THANKS}",
    ),
    "020": Page(
        "Speech by CE at Hongqiao International Economic Forum Parallel Session in Shanghai (English only) "
        "(with photos/video)",
        f"{SPEECH} the Hongqiao International Economic Forum",
        f"and all of you a very fruitful day. {THANKS}",
    ),
    "021": Page(
        "Speech by CE at International Forum on Guangdong-Hong Kong-Macao Greater Bay Area (English only) "
        "(with photos/video)",
        f"{SPEECH} the International Forum on the Guangdong-Ho",
        f"and all the distinguished speakers for coming to Hong Kong. {THANKS}",
    ),
    "022": Page(
        "Speech by CE at dedicated session on HK at thematic forum on sub-national co-operation of second Belt and "
        "Road Forum for International Cooperation in Beijing (with photo/video)",
        f"{SPEECH} the dedicated session on Hong Kong",
        f'I wish you all a very rewarding session of the "Belt and Road: Hong Kong IN". {THANKS}',
    ),
    "023": Page(
        "Speech by CE at thematic forum on sub-national co-operation of second Belt and Road Forum for "
        "International Cooperation in Beijing (with photos/video)",
        f"{SPEECH} the thematic forum on sub-national co-opera",
        f"with a view to achieving inclusive and sustainable growth for all. {THANKS}",
    ),
    "024": Page(
        "Speech by CE at thematic forum on financial connectivity of second Belt and Road Forum for International "
        "Cooperation in Beijing (with photos/video)",
        f"{SPEECH} the thematic forum on financial connectivit",
        f"I wish you all a very rewarding Forum. {THANKS}",
    ),
    "025": Page(
        "Speech by CE at Symposium on Guangdong-Hong Kong-Macao Greater Bay Area in Tokyo (English only) "
        "(with photos/video)",
        f"{SPEECH} the Symposium on the Guangdong-Hong Kong-Ma",
        "thank you once again for coming to this symposium.",
    ),
    "026": Page(
        "Speech by CE at China Development Forum 2019 in Beijing (with photos/video)",
        f'{SPEECH} "The Guangdong-Hong Kong-Macao Greater Bay',
        "who share our vision for technological advancement and economic prosperity. Thank you.",
    ),
    "027": Page(
        "CE's speech at Symposium on the Outline Development Plan for the Guangdong-Hong Kong-Macao Greater Bay "
        "Area (with photos/video)",
        "Following is the speech (English translation) by the Chief Executive, Mrs Carrie Lam, at the Symposium",
        "Let us all grasp the opportunities of the development of the Greater Bay Area for a better tomorrow. "
        "Thank you.",
    ),
    "028": Page(
        'Speech by CE at Hongqiao International Economic and Trade Forum parallel session on "Trade and '
        'Innovation" in Shanghai (English only) (with photos/video)',
        f"{SPEECH} a parallel session of the Hongqiao Internat",
        "I wish the China International Import Expo and the Hongqiao International Economic and Trade Forum "
        f"every success. {THANKS}",
    ),
    "029": Page(
        "Speech by CE at the joint promotion seminar on Guangdong-Hong Kong-Macao Bay Area development in Paris "
        "(English only) (with photos/video)",
        f"{SPEECH} the joint promotion seminar on Guangdong-Ho",
        f"not only for China, but for the world. {THANKS}",
    ),
    "030": Page(
        "Speech by CE at France-Hong Kong and Mainland China Economic Forum (English only) (with photo/video)",
        f"{SPEECH} the France-Hong Kong and Mainland China Eco",
        f"I wish you all an enjoyable afternoon. {THANKS}",
    ),
    "031": Page(
        "Speech by CE at Asia Cultural Co-operation Forum 2017 Gala Dinner (English only) (with photo/video)",
        f"{SPEECH} the Asia Cultural Co-operation Forum 2017 G",
        f"and a wealth of cultural experience in the New Year. {THANKS}",
    ),
    "032": Page(
        "CE's speech at Inauguration Ceremony of Fifth Term Government (with video)",
        "Following is the translation of the speech delivered by the Chief Executive, Mrs Carrie Lam, at the Inaugural",
        "I look forward to connecting with you all, to build an even better Hong Kong. Thank you!",
    ),
    "033": Page(
        "New year message from the Chief Executive to Hong Kong people living overseas",
        "Hello, fellow Hong Kong citizens living overseas.",
        "Once again, I wish you all a very successful and happy year ahead.",
        reader="generic",
    ),
}

_WHITE = re.compile(r"\s+")


def _flat(text: str) -> str:
    return _WHITE.sub(" ", text).strip()


@functools.cache
def parsed(number: str) -> Record:
    return parse_path(REALPAGES / f"{number}.html")


def test_every_page_is_listed() -> None:
    assert sorted(p.stem for p in REALPAGES.glob("*.html")) == sorted(PAGES)


CASES = [pytest.param(number, page, id=number) for number, page in PAGES.items()]


@pytest.mark.parametrize(("number", "page"), CASES)
def test_headline_as_printed(number: str, page: Page) -> None:
    assert parsed(number).title == page.headline


@pytest.mark.parametrize(("number", "page"), CASES)
def test_reader(number: str, page: Page) -> None:
    assert parsed(number).reader == page.reader


@pytest.mark.parametrize(("number", "page"), CASES)
def test_whole_body(number: str, page: Page) -> None:
    rec = parsed(number)
    body = _flat(rec.text[len(rec.title or "") :])
    assert body.startswith(_flat(page.first)), f"the body starts {body[:120]!r}"
    assert body.endswith(_flat(page.last)), f"the body ends {body[-160:]!r}"
    cut = [r for r in rec.removed if r.reason is RemovalReason.UNRELATED_ARTICLE]
    assert not cut and Flag.UNRELATED_CONTENT not in rec.flags, f"part of the release cut: {cut}"
    for chrome in ("Ends/", "Issued at HKT", "NNNN", "*****"):
        assert chrome not in rec.text


@pytest.mark.parametrize(("number", "page"), CASES)
def test_not_relevant_with_a_reason(number: str, page: Page) -> None:
    rec = parsed(number)
    assert rec.relevant is False
    assert Flag.NOT_RELEVANT in rec.flags
    reason = rec.relevance_reason or ""
    assert len(reason.split()) >= 3 and re.search(r"[a-z]{3}", reason), f"no reason in words: {reason!r}"


@pytest.mark.parametrize(("number", "page"), CASES)
def test_english_and_complete(number: str, page: Page) -> None:
    rec = parsed(number)
    assert rec.language == "en"
    assert Flag.TRUNCATED not in rec.flags


def test_health_advice_section_is_kept() -> None:
    """004's last section (a <strong><u> heading, a paragraph, a list) is the release's own."""
    text = parsed("004").text
    for words in ("Travel advice", "Health advice", "maintain good personal and environmental hygiene"):
        assert words in text
