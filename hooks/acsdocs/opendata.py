"""The list of open data files the build publishes: the open-data page, the Dataset JSON-LD
and the tests all read it from here. Paths are relative to the site's root."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataFile:
    path: str  # under the site's root; '<id>' stands for each document's id
    media: str  # media type
    format: str  # how readers call the format
    schema: str  # the file's schema or specification: a path under the site or an address
    about: str  # the strings.yml key that says what it holds


DATA_FILES = (
    DataFile("data/plans.json", "application/json", "JSON", "data/plans.schema.json", "file_plans_json"),
    DataFile("data/activities.csv", "text/csv", "CSV (UTF-8)", "data/activities.csv-metadata.json", "file_activities_csv"),
    DataFile("data/activities.csv-metadata.json", "application/csvm+json", "CSVW (JSON-LD)", "https://www.w3.org/TR/tabular-metadata/", "file_csvw"),
    DataFile("data/plans.schema.json", "application/schema+json", "JSON Schema 2020-12", "https://json-schema.org/draft/2020-12/schema", "file_schema_json"),
    DataFile("data/translation-report.json", "application/json", "JSON", "", "file_translation_report"),
    DataFile("feed.xml", "application/atom+xml", "Atom", "https://www.rfc-editor.org/rfc/rfc4287", "file_feed"),
    DataFile("calendar.ics", "text/calendar", "iCalendar", "https://www.rfc-editor.org/rfc/rfc5545", "file_calendar"),
    DataFile("calendars/<id>.ics", "text/calendar", "iCalendar", "https://www.rfc-editor.org/rfc/rfc5545", "file_plan_calendar"),
)
