"""Business rules that go beyond the shape of the data: they need the whole municipality
(the minimum number of administrators, unique account slugs, assets inside the folder,
clause ids that exist). Each finding is (location, message, is_warning), or with a
fourth item: the location of the line it is held against, which the message then names."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator

from docgen import content, laws, shared, template_path
from docgen.assets import font_problem, logo_problem
from docgen.content import PLACEHOLDER
from docgen.content import Missing
from docgen.context import placeholders
from docgen.entry import Entry, Finding, Loc
from docgen.errors import ContentError
from docgen.kinds import KINDS, built
from docgen.language import COUNTRY
from docgen.model import AccountKind, Municipality
from docgen.plan_rules import check_plan
from docgen.schedule import fewer_days, minutes, rarer_updates, shorter_hours



def check_rules(entry: Entry) -> Iterator[Finding]:
    """Every finding. When the file also has shape errors, `entry.municipality` holds
    only its well-formed parts (a bad account is None); a rule whose inputs are missing
    is skipped, since those inputs are reported already."""
    for rule in (
        _languages, _adoption, _policy, _comment_languages, _links, _accounts, _schedules, _file_names, _assets,
        _content, _placeholders, _publishing_plan, laws.check_dates, template_path.check_overrides,
    ):
        try:
            yield from list(rule(entry))
        except AttributeError:
            continue


def _languages(entry: Entry) -> Iterator[Finding]:
    municipality = entry.municipality
    for loc, language in [(("language",), municipality.language)] + [
        (("languages", i), extra) for i, extra in enumerate(municipality.languages)
    ]:
        if COUNTRY[language] != municipality.country:
            yield loc, f"'{language}' is not a language docgen writes for country {municipality.country}", False


def _adoption(entry: Entry) -> Iterator[Finding]:
    adoption = entry.municipality.adoption
    if adoption.status == "adopted" and adoption.body is None:
        yield ("adoption", "status"), "an adopted document needs the body that adopted it; add adoption.body", False
    if adoption.status == "adopted" and adoption.date is None:
        yield ("adoption", "status"), "an adopted document needs the date it was adopted; add adoption.date", False
    if adoption.revision_date and adoption.date and adoption.revision_date <= adoption.date:
        yield ("adoption", "revision_date"), "the revision date must come after the adoption date", False


def _policy(entry: Entry) -> Iterator[Finding]:
    policy = entry.municipality.policy
    if minutes(policy.answer_to) <= minutes(policy.answer_from):
        yield (
            ("policy", "answer_to"),
            f"answers end at {policy.answer_to}, which is not after they start ({policy.answer_from})",
            False,
        )


def _comment_languages(entry: Entry) -> Iterator[Finding]:
    """"Scandinavian" is a family, not a language a comment is written in."""
    for index, name in enumerate(entry.municipality.policy.comment_languages):
        if name.lower().startswith("skandinavisk"):
            yield (
                ("policy", "comment_languages", index),
                f"'{name}' is not a language; name each one, e.g. norsk, svensk, dansk",
                True,
            )


def _links(entry: Entry) -> Iterator[Finding]:
    """The texts link to these pages only when the data gives their address; say which to add."""
    policy = entry.municipality.policy
    pages = (
        ("house_rules_url", policy.house_rules_url, "the page where the house rules are published"),
        ("privacy_url", policy.privacy_url, "the privacy statement"),
    )
    for field, url, page in pages:
        if url is None:
            yield (
                ("policy", field),
                f"the strategy and house rules mention {page} without a link, since its address "
                f"is not given; add policy.{field} so they link to it",
                True,
            )


def _accounts(entry: Entry) -> Iterator[Finding]:
    minimum = entry.municipality.policy.min_administrators
    first_with_slug: dict[str, int] = {}
    for index, account in enumerate(entry.municipality.accounts):
        if account is None:
            continue
        count = len(account.administrators)
        if count < minimum:
            yield (
                ("accounts", index, "administrators"),
                f"every account needs at least {minimum} administrators; this one has {count}",
                False,
            )
        if account.slug in first_with_slug:
            yield (
                ("accounts", index, "name"),
                f"two accounts would share the name '{account.slug}' (see accounts[{first_with_slug[account.slug]}]);"
                " give them different names",
                False,
            )
        first_with_slug.setdefault(account.slug, index)
        if account.start_date and account.end_date and account.end_date < account.start_date:
            yield ("accounts", index, "end_date"), "the end date is before the start date", False
        if account.kind is AccountKind.campaign and account.end_date is None:
            yield (
                ("accounts", index, "kind"),
                "a campaign account should have an end_date; add one so the account is closed in time",
                True,
            )


def _schedules(entry: Entry) -> Iterator[Finding]:
    """Warnings where an account's own schedule falls short of what the policy promises."""
    policy = entry.municipality.policy
    for index, account in enumerate(entry.municipality.accounts):
        if account is None:
            continue
        if rarer_updates(account, policy):
            yield (
                ("accounts", index, "update_frequency"),
                f"the account is updated {account.update_frequency}, less often than the policy's minimum"
                f" ({policy.update_frequency}); update it more often, or change the policy",
                True,
                ("policy", "update_frequency"),
            )
        if fewer_days(account, policy):
            yield (
                ("accounts", index, "answer_days"),
                "questions are answered on weekdays only, but the policy promises answers every day;"
                " answer every day, or change the policy",
                True,
                ("policy", "answer_days"),
            )
        for end in shorter_hours(account, policy):
            yield (
                ("accounts", index, end),
                f"questions are answered {'from' if end == 'answer_from' else 'until'} {getattr(account, end)},"
                f" but the policy promises answers {policy.answer_from}–{policy.answer_to};"
                " answer within those hours, or change the policy",
                True,
                ("policy", end),
            )


def _file_names(entry: Entry) -> Iterator[Finding]:
    """No two documents get the same file name: an account's name could otherwise match
    a fixed name such as the blank activity-plan form's, and one file would replace the other."""
    account_index = {account.slug: i for i, account in enumerate(entry.municipality.accounts) if account}
    for language in entry.municipality.all_languages:
        first: dict[str, tuple[str, str | None]] = {}  # file name → (what it is, account)
        for name, kind in built(entry.municipality).items():
            for output in kind.outputs(entry, language):
                source = output.describe(name)
                file_name = f"{language}/{output.stem}"
                if file_name not in first:
                    first[file_name] = (source, output.account)
                    continue
                other, other_account = first[file_name]
                if output.account and other_account:
                    continue  # two accounts with one slug: _accounts reports that
                account = output.account or other_account
                loc = ("accounts", account_index[account], "name") if account in account_index else ("content",)
                yield loc, f"{other} and {source} would both be written as {file_name}; rename one", False


def _assets(entry: Entry) -> Iterator[Finding]:
    profile = entry.municipality.profile
    assets: list[tuple[Loc, str]] = [(("profile", "logo"), profile.logo)] if profile.logo else []
    assets += [(("profile", "fonts", i), font) for i, font in enumerate(profile.fonts)]
    folder = entry.folder.resolve()
    for loc, name in assets:
        target = (folder / name).resolve()
        if not target.is_relative_to(folder):
            yield loc, f"'{name}' leads outside the folder {entry.folder}; keep assets inside it", False
        elif not target.exists():
            yield loc, f"'{name}' does not exist; put the file in {entry.folder}/", False
        elif problem := (logo_problem if loc[1] == "logo" else font_problem)(folder / name, folder):
            yield loc, f"'{name}' {problem}", False


def _content(entry: Entry) -> Iterator[Finding]:
    for kind, choices in entry.municipality.content.items():
        if kind not in KINDS and kind != shared.KIND:
            yield ("content", kind), f"unknown document kind; use one of: {', '.join([*KINDS, shared.KIND])}", False
            continue
        if entry.municipality.kinds is not None and kind in KINDS and kind not in entry.municipality.kinds:
            yield (
                ("content", kind),
                f"{kind} is not built (it is not in kinds:), so these choices change nothing; add it to kinds or remove them",
                True,
            )
        try:
            known = set(content.clause_ids(kind, entry.municipality.language))
        except ContentError as error:
            yield ("content", kind), str(error), False
            continue
        added = {clause.id for clause in choices.add}
        for i, clause_id in enumerate(choices.omit):
            if clause_id not in known:
                yield ("content", kind, "omit", i), _unknown_clause(clause_id, known), False
        for clause_id in choices.replace:
            if clause_id not in known:
                yield ("content", kind, "replace", clause_id), _unknown_clause(clause_id, known), False
        for i, clause in enumerate(choices.add):
            side, anchor = ("after", clause.after) if clause.after else ("before", clause.before)
            if anchor not in known | added:
                yield ("content", kind, "add", i, side), _unknown_clause(str(anchor), known), False
            if clause.id in known:
                yield ("content", kind, "add", i, "id"), f"{clause.id} is already a clause; pick a new id", False


def _placeholders(entry: Entry) -> Iterator[Finding]:
    """The municipality's own clause texts use only placeholders the kind can fill, and
    only ones its data gives a value for."""
    languages = [entry.text_language, *entry.translations]
    for language in languages:
        # Each language's own texts, with that language's values.
        for loc, message, is_warning in _placeholders_in(entry.in_language(language).municipality, language, KINDS):
            yield loc, message + (f" (in the {language} text)" if len(languages) > 1 else ""), is_warning


def _placeholders_in(
    municipality: Municipality, language: str, kinds: Collection[str]
) -> Iterator[tuple[Loc, str, bool]]:
    for kind, choices in municipality.content.items():
        if kind not in kinds:
            continue
        values = placeholders(municipality, language, kind)
        # A kind's own placeholders (such as {accounts_table}) are those its default text uses.
        own = {name for clause in content.clauses(language, kind) for name in PLACEHOLDER.findall(clause.text)}
        texts: list[tuple[Loc, str]] = [(("content", kind, "replace", i), t) for i, t in choices.replace.items()]
        texts += [(("content", kind, "add", i, "text"), clause.text) for i, clause in enumerate(choices.add)]
        for loc, text in texts:
            for name in dict.fromkeys(PLACEHOLDER.findall(text)):
                if name not in values and name not in own:
                    close = difflib.get_close_matches(name, sorted(set(values) | own), n=1, cutoff=0.6)
                    hint = f"; did you mean {{{close[0]}}}?" if close else ""
                    yield loc, f"there is no placeholder {{{name}}}{hint}", False
                elif isinstance(missing := values.get(name), Missing):
                    yield loc, f"{{{name}}} has no value; add {missing.field} to the file", False


def _publishing_plan(entry: Entry) -> Iterator[Finding]:
    return check_plan(entry.municipality)


def _unknown_clause(clause_id: str, known: set[str]) -> str:
    close = difflib.get_close_matches(clause_id, sorted(known), n=1, cutoff=0.6)
    hint = f"; did you mean {close[0]}?" if close else ""
    return f"there is no clause {clause_id}{hint}"
