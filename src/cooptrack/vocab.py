"""Every controlled vocabulary of the record, each defined once.

The ids are the ones of the record format (``../shared/gold/README.md``). Other modules import
these names; nothing else spells a theme, a kind, a side, a role or a flag as a literal list.
"""

from __future__ import annotations

from enum import StrEnum


class Theme(StrEnum):
    """Themes of co-operation areas and measures (a measure's first theme is its primary)."""

    NATIONAL_STRATEGY = "national_strategy"
    TRADE_INVESTMENT = "trade_investment"
    FINANCE = "finance"
    PROFESSIONAL_SERVICES = "professional_services"
    INNOVATION_TECHNOLOGY = "innovation_technology"
    TRANSPORT_LOGISTICS = "transport_logistics"
    CULTURE_TOURISM = "culture_tourism"
    EDUCATION = "education"
    YOUTH = "youth"
    HEALTH = "health"
    ENVIRONMENT = "environment"
    CITY_MANAGEMENT = "city_management"
    CIVIL_SERVICE_TALENT = "civil_service_talent"
    FACILITATION = "facilitation"
    LIAISON = "liaison"
    OTHER = "other"


THEME_LABELS: dict[Theme, str] = {
    Theme.NATIONAL_STRATEGY: "National strategies (Belt and Road, Greater Bay Area)",
    Theme.TRADE_INVESTMENT: "Economy, trade and investment",
    Theme.FINANCE: "Finance",
    Theme.PROFESSIONAL_SERVICES: "Professional and legal services",
    Theme.INNOVATION_TECHNOLOGY: "Innovation and technology",
    Theme.TRANSPORT_LOGISTICS: "Transport and logistics",
    Theme.CULTURE_TOURISM: "Culture, tourism and sports",
    Theme.EDUCATION: "Education",
    Theme.YOUTH: "Youth",
    Theme.HEALTH: "Health and Chinese medicine",
    Theme.ENVIRONMENT: "Environment",
    Theme.CITY_MANAGEMENT: "City management and public services",
    Theme.CIVIL_SERVICE_TALENT: "Civil service and talent",
    Theme.FACILITATION: "Facilitation for Hong Kong people in the Mainland",
    Theme.LIAISON: "Liaison between the governments",
    Theme.OTHER: "Other",
}


class MeetingKind(StrEnum):
    PLENARY = "plenary"
    HIGH_LEVEL_MEETING_CUM_PLENARY = "high_level_meeting_cum_plenary"
    HIGH_LEVEL_MEETING = "high_level_meeting"
    WORKING_MEETING = "working_meeting"
    OTHER = "other"


class DocumentKind(StrEnum):
    REPORT = "report"  # the meeting was held
    ANNOUNCEMENT = "announcement"  # the meeting is about to be held


class AgreementKind(StrEnum):
    MEMORANDUM = "memorandum"
    MOU = "mou"
    AGREEMENT = "agreement"
    FRAMEWORK_AGREEMENT = "framework_agreement"
    LETTER_OF_INTENT = "letter_of_intent"
    ARRANGEMENT = "arrangement"
    MECHANISM = "mechanism"
    OTHER = "other"


class Side(StrEnum):
    HK = "HK"
    MAINLAND = "Mainland"
    CENTRAL = "Central"  # offices of the Central People's Government
    MACAO = "Macao"  # the Macao SAR Government (the Hong Kong/Macao High Level Meeting)


SIDE_LABELS: dict[Side, str] = {
    Side.HK: "Hong Kong",
    Side.MAINLAND: "Mainland",
    Side.CENTRAL: "Central People's Government",
    Side.MACAO: "Macao",
}


class Role(StrEnum):
    CO_CHAIR = "co_chair"
    SPECIAL_GUEST = "special_guest"
    ATTENDEE = "attendee"
    SIGNATORY = "signatory"


class Honorific(StrEnum):
    MR = "Mr"
    MRS = "Mrs"
    MS = "Ms"
    MISS = "Miss"
    DR = "Dr"
    PROFESSOR = "Professor"


class Flag(StrEnum):
    """Data-quality findings about one document."""

    UNRELATED_CONTENT = "unrelated_content"
    AREA_HEADINGS_MISSING = "area_headings_missing"
    YEAR_NOT_STATED = "year_not_stated"
    NO_CO_CHAIRS_STATED = "no_co_chairs_stated"
    PROGRESS_REVIEW = "progress_review"
    TRUNCATED = "truncated"
    NOT_RELEVANT = "not_relevant"


FLAG_EXPLANATIONS: dict[Flag, str] = {
    Flag.UNRELATED_CONTENT: "Text that does not belong to the release was found and cut.",
    Flag.AREA_HEADINGS_MISSING: "Fewer area headings than the number of areas the release announces.",
    Flag.YEAR_NOT_STATED: "The release gives the meeting's date without a year; no year was guessed.",
    Flag.NO_CO_CHAIRS_STATED: "The release does not say who co-chaired the meeting.",
    Flag.PROGRESS_REVIEW: "The release reports progress rather than announcing new areas.",
    Flag.TRUNCATED: "The document stops mid-way: what follows the cut is missing.",
    Flag.NOT_RELEVANT: "Not about a meeting of a co-operation mechanism to which Hong Kong is a party.",
}


class RemovalReason(StrEnum):
    """Why a piece of the input is not part of the cleaned release text."""

    SITE_NAVIGATION = "site_navigation"
    SEPARATOR = "separator"
    HEADING_UNDERLINE = "heading_underline"
    FOOTER = "footer"
    AFTER_FOOTER = "after_footer"
    PHOTO_CAPTION = "photo_caption"
    MEDIA_LIST = "media_list"
    MIRROR_PREFIX = "mirror_prefix"
    DUPLICATE_TITLE = "duplicate_title"
    UNRELATED_ARTICLE = "unrelated_article"
    PAGE_CHROME = "page_chrome"


class QuantityKind(StrEnum):
    """What an amount in a measure counts."""

    MONEY = "money"
    COUNT = "count"
    PERCENTAGE = "percentage"


class TrackingStatus(StrEnum):
    """What became of an agreed measure (each change is a dated event with its evidence)."""

    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    STALLED = "stalled"
    DROPPED = "dropped"
    NO_PUBLIC_EVIDENCE = "no_public_evidence"


TRACKING_STATUS_LABELS: dict[TrackingStatus, str] = {
    TrackingStatus.AGREED: "Agreed",
    TrackingStatus.IN_PROGRESS: "In progress",
    TrackingStatus.IMPLEMENTED: "Implemented",
    TrackingStatus.STALLED: "Stalled",
    TrackingStatus.DROPPED: "Dropped",
    TrackingStatus.NO_PUBLIC_EVIDENCE: "No public evidence",
}


class EvidenceKind(StrEnum):
    """Who published the evidence for a status: the governments themselves, or someone else."""

    OFFICIAL = "official"
    INDEPENDENT = "independent"
