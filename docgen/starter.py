"""The text of `docgen new`: a starter data file that validates as written and explains
every field in a comment, with placeholder values in the municipality's language."""

from __future__ import annotations

import datetime as dt
import json
import re

from docgen.identifiers import slugify
from docgen.language import COUNTRY

# Placeholder words per language: roles in definite form, as they are used in sentences.
_WORDS = {
    "nb": {
        "editor": "kommunikasjonssjefen",
        "unit": "kommunikasjonsavdelingen",
        "approver": "kommunikasjonssjefen",
        "crisis": "kriseledelsen",
        "approvers": "[enhetsleder, kommunedirektør]",
        "body": "kommunestyret",
        "people": ("Kari Nordmann", "Ola Nordmann"),
        "title": "kommunikasjonsrådgiver",
        "comment_languages": "[norsk, engelsk]",
        "account_unit": "Kommunikasjonsavdelingen",
        "purpose": "Nyheter og dialog med innbyggerne",
        "audience": "Innbyggerne",
        "box": "Postboks 1",
        "street": "Rådhusgata 1",
        "county": "Akershus",
        "management": "ledergruppen",
        "goal": "Nytt denne uka",
    },
    "nn": {
        "editor": "kommunikasjonssjefen",
        "unit": "kommunikasjonsavdelinga",
        "approver": "kommunikasjonssjefen",
        "crisis": "kriseleiinga",
        "approvers": "[einingsleiar, kommunedirektør]",
        "body": "kommunestyret",
        "people": ("Kari Nordmann", "Ola Nordmann"),
        "title": "kommunikasjonsrådgjevar",
        "comment_languages": "[norsk, engelsk]",
        "account_unit": "Kommunikasjonsavdelinga",
        "purpose": "Nyhende og dialog med innbyggjarane",
        "audience": "Innbyggjarane",
        "box": "Postboks 1",
        "street": "Rådhusgata 1",
        "county": "Vestland",
        "management": "leiargruppa",
        "goal": "Nytt denne veka",
    },
    "sv": {
        "editor": "informationsansvarig",
        "unit": "kommunikationsenheten",
        "approver": "kommunchefen",
        "crisis": "krisledningen",
        "approvers": "[förvaltningschef, kommunchef]",
        "body": "kommunfullmäktige",
        "people": ("Anna Andersson", "Sven Svensson"),
        "title": "kommunikatör",
        "comment_languages": "[svenska, engelska]",
        "account_unit": "Kommunikationsenheten",
        "purpose": "Nyheter och dialog med invånarna",
        "audience": "Invånarna",
        "box": "Box 1",
        "street": "Stadshusgatan 1",
        "county": "Örebro län",
        "management": "ledningsgruppen",
        "goal": "Veckans nyheter",
    },
}


# Placeholder phone number, organisation number (valid check digit) and postcode.
_NUMBERS = {"NO": ("22 00 00 00", "123456785", "1234"), "SE": ("08-123 456 78", "212000-0001", "123 45")}


def _quoted(text: str) -> str:
    """A YAML scalar that stays text whatever it holds (a JSON string is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _handle(person: str) -> str:
    return re.sub(r"[^a-z]+", ".", person.lower().translate(str.maketrans("åäöæø", "aaoao"))).strip(".")


def starter_yaml(slug: str, name: str, language: str, today: dt.date | None = None) -> str:
    words = _WORDS[language]
    country = COUNTRY[language]
    domain = f"{slug}.kommune.no" if country == "NO" else f"{slug}.se"
    email = f"postmottak@{domain}" if country == "NO" else f"kommun@{domain}"
    phone, organisation_number, postcode = _NUMBERS[country]
    short_name = re.sub(r"\s+kommun(e)?$", "", name.strip()) or name
    first, second = words["people"]
    date = (today or dt.date.today()).isoformat()
    handle = slug.replace("-", "")
    plan_end = ((today or dt.date.today()) + dt.timedelta(weeks=8)).isoformat()
    account = slugify(f"facebook-{name}")
    return _align_comments(f"""\
# yaml-language-server: $schema=../schema/municipality.schema.json
#
# Data for {name}, written by `docgen new`. Every value below is a placeholder that is
# valid as it stands. Replace them with your own, then run `docgen validate {slug}`.
# Lines starting with '#' are comments; remove the '# ' before an optional field to use it.
# Your logo and fonts go in the folder {slug}/ beside this file.
#
# Text in more than one language: a plain text value is in your main language. When you
# build extra languages (see `languages`), give every text value in each of them, the way
# this purpose is given in nynorsk and bokmål: {{nn: Nyhende og dialog, nb: Nyheter og dialog}}
# `docgen validate` names every value that lacks a language. Names (of the municipality,
# accounts and people) may stay plain: they are the same in every language.

# --- Who you are ---------------------------------------------------------------------
name: {_quoted(name)}                 # official name
short_name: {_quoted(short_name)}     # the name used in running text
country: "{country}"                  # NO or SE
language: {language}                  # main language of the documents: nb, nn or sv
languages: []                         # extra languages to build as well, e.g. [nb]; see the top
# county: {words["county"]}                    # fylke or län
website: https://www.{domain}/        # your website, in full
email: {email}        # the official e-mail address (postmottak)
# phone: {phone}                  # switchboard, national or +47/+46 form
# organisation_number: "{organisation_number}"    # Norway: 9 digits; Sweden: NNNNNN-NNNN (the check digit is verified)
# postal_address:                     # used in letters and on the documents
#   street: {words["box"]}                # street address or PO box
#   postcode: "{postcode}"                  # 4 digits in Norway, "123 45" in Sweden
#   city: {short_name}
# visiting_address:                   # same three fields as postal_address
#   street: {words["street"]}
#   postcode: "{postcode}"
#   city: {short_name}

# --- How your documents look -------------------------------------------------------------
profile:                              # logo, colours and fonts
  # logo: logo.svg                    # coat of arms or logo, .svg or .png, in the folder {slug}/
  primary_colour: "#1F4E79"           # headings and the poster; dark enough to read on white
  accent_colour: "#C8102E"            # lines and highlights
  fonts: []                           # optional font files (.ttf, .otf, .woff) in the folder {slug}/

# --- Who does what, in your own words (written as they fit inside a sentence) --------------
roles:                                # who does what
  editor: {words["editor"]}           # holds editorial responsibility
  communications_unit: {words["unit"]}    # runs the main accounts
  account_approver: {words["approver"]}   # approves new accounts
  crisis_lead: {words["crisis"]}      # leads crisis communication
  # crisis_spokespeople: [...]        # who speaks for the municipality in a crisis, in your own titles
  contact: {words["unit"]}            # whom employees ask about social media
  approvers: {words["approvers"]}     # the roles that sign each activity plan

# --- Adoption ---------------------------------------------------------------------------------
adoption:                             # who adopted the documents, and when
  status: draft                       # draft, or adopted
  # body: {words["body"]}             # who adopted it (needed once status is adopted)
  date: {date}                    # date adopted, or of this draft, as YYYY-MM-DD
  # case_reference: 26/123            # case number or paragraph, e.g. 15/1441 or § 145
  version: "1.0"                      # version of the documents
  # revision_date: 2028-01-01         # when the documents are next revised

# --- The rules your documents state -----------------------------------------------------------
policy:                               # answer hours and the other rules
  answer_from: "09.00"                # questions are answered from …
  answer_to: "15.00"                  # … until
  answer_days: weekdays               # weekdays or every-day
  response_time: next-working-day     # same-day, next-working-day or 48-hours
  update_frequency: weekly            # how often every account posts: daily, weekly or monthly
  # max_posts_per_week: 10            # most posts an account may publish in a week
  comment_languages: {words["comment_languages"]}   # languages accepted in comments
  # deletion_record: …                # how a deleted post is recorded; a sensible default is used
  min_administrators: 2               # every account needs at least this many administrators
  consent_age_online: 13              # below this age a guardian consents to online services
  consent_age_photo: 15               # below this age a guardian consents to photos
  # privacy_url: https://www.{domain}/personvern/   # your privacy statement (without it: no link)
  # house_rules_url: https://www.{domain}/husregler/  # your house rules page (without it: no link)
  public_register: false              # true: the published account register counts administrators instead of naming them

# --- Your accounts: one entry per account -------------------------------------------------
accounts:                             # every social-media account you run
  - platform: facebook                # facebook, instagram, x, linkedin, youtube, tiktok, flickr,
                                        # snapchat, threads, blog or other
    name: {_quoted(name)}             # the account's display name
    url: https://www.facebook.com/{handle}    # its address
    kind: main                        # main, unit, closed-group, internal-group or campaign
    unit: {words["account_unit"]}     # the unit that owns it
    purpose: {words["purpose"]}       # why it exists
    audience: {words["audience"]}     # whom it is for
    administrators:                   # at least min_administrators people
      - name: {first}
        title: {words["title"]}       # optional, as are email and phone
        email: {_handle(first)}@{domain}
      - name: {second}
        email: {_handle(second)}@{domain}
    operators: []                     # who posts and answers day to day (name, title, email, phone)
    # update_frequency: weekly        # daily, weekly or monthly (checked against the policy), or in words
    # answer_days: weekdays           # when its questions are answered, if not as the policy says
    # answer_from: "09.00"            # … from
    # answer_to: "15.00"              # … until
    # monitoring: …                   # when it is watched, in words
    # hours_per_week: 2               # estimated hours of work per week
    start_date: {date}              # when it started, as YYYY-MM-DD
    # end_date: 2027-12-31            # when it closes; a campaign account needs one
    # credentials_stored: …           # where the login details are kept

# --- Changes to the default text, per document kind (optional) -----------------------------
content: {{}}                           # none yet; see the example below
# content:
#   strategy:
#     title: …                        # your own title
#     omit: [strategy.some-clause]    # clause ids to leave out (a section's id: all of it)
#     replace:                        # clause id: your own text (Markdown)
#       strategy.some-clause: …
#     add:                            # your own clauses, each after (or before) a clause id
#       - after: strategy.some-clause
#         id: strategy.local.our-clause
#         text: …
#       - before: strategy.other-clause
#         id: strategy.local.another
#         text: …
#     values:                         # your own values for named placeholders
#       some_placeholder: …

# --- Publishing plan (optional): posts planned ahead, checked against the policy -------------
# publishing_plan:                    # posts planned ahead per account, presented to management
#   period:                           # the weeks the plan covers
#     from: {date}                # first day, as YYYY-MM-DD
#     to: {plan_end}                  # last day
#   owner: {words["editor"]}          # who owns and keeps the plan
#   presented_to: {words["management"]}   # the body the plan is presented to
#   presented: monthly                # how often: weekly or monthly
#   months_ahead: 2                   # how many months ahead posts are planned
#   updated: {date}               # date of this version of the plan (the calendar file's date)
#   posts:                            # one entry per post, or per weekly series of posts
#     - account: {account}            # an account above: its platform and name, joined by -
#       weekly:                       # instead of a date: the same post every week
#         weekdays: [monday, thursday]    # days of the week; add from: and to: to narrow the weeks
#       time: "09.00"                 # time of day
#       content_type: news            # news, event, service-information, campaign, recruitment, or your own words
#       goal: {words["goal"]}         # the goal or theme of the post
#       responsible: {words["account_unit"]}  # the person or unit that makes the post
#     - account: {account}
#       date: {date}              # one post on one day, as YYYY-MM-DD
#       time: "12.00"
#       content_type: event
#       goal: …
#       responsible: {words["account_unit"]}
#       holiday: false                # true when the post is meant for a public holiday (no warning)
""")


def _align_comments(text: str, column: int = 40) -> str:
    """Line up the comments that follow a value (they start after two spaces)."""
    lines = []
    for line in text.splitlines():
        code, gap, comment = line.rpartition("  # ")
        if gap and code.strip():
            line = f"{code.rstrip():<{column - 1}} # {comment}"
        lines.append(line)
    return "\n".join(lines) + "\n"
