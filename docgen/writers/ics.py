"""iCalendar (.ics): the document's schedule as one event per entry, for Outlook,
Google Calendar and any other calendar that imports files.

Every event keeps its UID from build to build, so importing a newer plan updates the
events instead of adding them twice. Times are local times in the schedule's time zone
(TZID), with the zone itself described in a VTIMEZONE for the years the events span, as
Outlook requires. DTSTAMP is the schedule's own date, so the same plan gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from docgen import __version__
from docgen.document import Document
from docgen.writers.base import Writer, schedule_of


class IcsWriter(Writer):
    format = "ics"
    suffix = ".ics"

    def render(self, document: Document) -> bytes:
        from icalendar import Calendar, Event

        schedule = schedule_of(document, self.format)
        meta = document.meta
        zone = ZoneInfo(schedule.time_zone)
        calendar = Calendar()
        calendar.add("prodid", f"-//docgen//docgen {__version__}//{meta.language.upper()}")
        calendar.add("version", "2.0")
        calendar.add("calscale", "GREGORIAN")
        calendar.add("method", "PUBLISH")
        # Names the calendar when it is imported as a new one (Google, Apple).
        calendar.add("x-wr-calname", f"{meta.title}, {meta.author}")
        calendar.add("x-wr-timezone", schedule.time_zone)
        for planned in schedule.events:
            event = Event()
            event.add("uid", planned.uid)
            event.add("dtstamp", schedule.stamp)
            event.add("dtstart", planned.start.replace(tzinfo=zone))
            event.add("dtend", planned.end.replace(tzinfo=zone))
            event.add("summary", planned.summary)
            event.add("description", planned.description)
            calendar.add_component(event)
        events = schedule.events
        if events:
            first, last = min(e.start for e in events), max(e.end for e in events)
            calendar.add_missing_timezones(first_date=dt.date(first.year, 1, 1), last_date=dt.date(last.year + 1, 1, 1))
        ical: bytes = calendar.to_ical()
        return ical
