"""Business rules that go beyond the shape of the data: they need the whole municipality
(the minimum number of administrators, unique account slugs, assets inside the folder,
clause ids that exist). Each finding is (location, message, is_warning), or with a
fourth item: the location of the line it is held against, which the message then names."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator

from docgen import administrators, laws, shared, template_path
from docgen.assets import font_problem, logo_problem
from docgen.content import PLACEHOLDER
from docgen.content import Missing
from docgen.content_rules import check_content, library
from docgen.context import placeholders
from docgen.entry import Entry, Finding, Loc
from docgen.errors import ContentError
from docgen.kinds import KINDS, built
from docgen.language import COUNTRY
from docgen.model import AccountKind
from docgen.plan_rules import check_plan
from docgen.samples import sample_values
from docgen.schedule import fewer_days, minutes, rarer_updates, shorter_hours



def check_rules(entry: Entry) -> Iterator[Finding]:
    """Every finding. When the file also has shape errors, `entry.municipality` holds
    only its well-formed parts (a bad account is None); a rule whose inputs are missing
    is skipped, since those inputs are reported already."""
    for rule in (
        _languages, _adoption, _policy, _comment_languages, _links, _accounts, _schedules, _file_names, _assets,
        _content, check_content, _placeholders, _publishing_plan, laws.check_dates, sample_values,
        template_path.check_overrides,
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
    if policy.max_administrators is not None and policy.max_administrators < (
        fewest := max(policy.min_administrators_for(kind) for kind in [None, *AccountKind])
    ):
        yield (
            ("policy", "max_administrators"),
            f"the maximum ({policy.max_administrators}) is below the minimum of {fewest} in"
            " policy.min_administrators; raise the maximum or lower the minimum",
            False,
        )
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
    policy = entry.municipality.policy
    if not entry.municipality.accounts:
        yield (
            ("accounts",),
            "there are no accounts: the strategy says the municipality has none yet, and no activity plan"
            " is filled in; list every account you run",
            True,
        )
    first_with_slug: dict[str, int] = {}
    for index, account in enumerate(entry.municipality.accounts):
        if account is None:
            continue
        for problem in administrators.problems(account, policy):
            yield ("accounts", index, "administrators"), problem, False
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
    for kind in entry.municipality.content:
        if kind not in KINDS and kind != shared.KIND:
            yield ("content", kind), f"unknown document kind; use one of: {', '.join([*KINDS, shared.KIND])}", False
            continue
        if entry.municipality.kinds is not None and kind in KINDS and kind not in entry.municipality.kinds:
            yield (
                ("content", kind),
                f"{kind} is not built (it is not in kinds:), so these choices change nothing; add it to kinds or remove them",
                True,
            )


def _placeholders(entry: Entry) -> Iterator[Finding]:
    """The municipality's own clause texts use only placeholders the kind can fill, and
    only ones its data gives a value for."""
    languages = [entry.text_language, *entry.translations]
    for language in languages:
        # Each language's own texts, with that language's values.
        for loc, message, is_warning in _placeholders_in(entry.in_language(language), language, KINDS):
            yield loc, message + (f" (in the {language} text)" if len(languages) > 1 else ""), is_warning


def _placeholders_in(entry: Entry, language: str, kinds: Collection[str]) -> Iterator[tuple[Loc, str, bool]]:
    municipality = entry.municipality
    for kind, choices in municipality.content.items():
        if kind not in kinds:
            continue
        values = placeholders(municipality, language, kind)
        # A kind's own placeholders (such as {accounts_table}) are those its default text uses.
        try:
            own = {name for clause in library(entry, kind, language) for name in PLACEHOLDER.findall(clause.text)}
        except ContentError:
            continue  # the municipality's own clause file is broken: template_path.check_overrides says how
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
