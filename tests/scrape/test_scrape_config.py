"""Councils as data: the bundled list, --config files, and helpful errors."""

from __future__ import annotations

import pytest

from pipeline.errors import UnknownCouncilError
from pipeline.scrape.config import CommitteeSelector, load_config, load_councils
from pipeline.scrape.errors import ConfigError


def test_bundled_councils_carry_site_committees_and_identity():
    councils = {c.slug: c for c in load_councils()}
    assert set(councils) >= {"medway", "kent", "maidstone"}
    assert councils["medway"].base_url == "https://democracy.medway.gov.uk"
    assert "medway.gov.uk" in councils["medway"].email_domains
    assert {"Kent County Council", "KCC"} <= set(councils["kent"].names)
    assert "Maidstone Borough Council" in councils["maidstone"].names
    assert any(s.id == 408 for s in councils["medway"].committees)
    assert any(s.id == 519 for s in councils["kent"].committees)
    assert "democracy.kent.gov.uk:9071" in councils["kent"].hosts


def test_bundled_settings_are_polite():
    settings = load_config().settings
    assert settings.min_interval_s >= 1 and settings.timeout_s == 60
    assert "councilpapers/" in settings.user_agent and "+" in settings.user_agent


def test_contact_can_be_set_per_machine(monkeypatch):
    monkeypatch.setenv("COUNCILPAPERS_CONTACT", "mailto:ops@example.org")
    assert "mailto:ops@example.org" in load_config().settings.user_agent


def test_unknown_council_error_lists_known_slugs():
    with pytest.raises(UnknownCouncilError, match="expected one of kent, maidstone, medway"):
        load_config().select(["medwy"])


def test_maidstone_pattern_follows_committee_renames():
    (sel,) = [
        s
        for s in load_config().select(["maidstone"])[0].committees
        if s.pattern and "environment" in s.pattern
    ]
    for title in (
        "Communities, Housing and Environment Committee",
        "Housing, Health and Environment Policy Advisory Committee",
    ):
        assert sel.matches(None, title)
    assert not sel.matches(None, "Planning Committee")


def test_selector_matches_on_id_or_title():
    assert CommitteeSelector(id=408).matches(408, "Anything")
    assert CommitteeSelector(title="health and wellbeing board").matches(1, "Health and Wellbeing Board")
    with pytest.raises(ValueError, match="needs an `id`"):
        CommitteeSelector(note="no key")


def test_missing_and_invalid_config_files_say_what_to_fix(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text('[[councils]]\nslug = "Bad Slug"\nname = "x"\nbase_url = "ftp://x"\n')
    with pytest.raises(ConfigError, match="invalid") as err:
        load_config(bad)
    assert "slug" in str(err.value) and "base_url" in str(err.value)


def test_another_council_is_a_config_change(tmp_path):
    path = tmp_path / "councils.toml"
    path.write_text(
        '[settings]\nmin_interval_s = 2\n[[councils]]\nslug = "swale"\nname = "Swale Borough Council"\n'
        'base_url = "https://services.swale.gov.uk/meetings/"\ncommittees = [{ pattern = "(?i)safety" }]\n'
    )
    config = load_config(path)
    (swale,) = config.councils
    assert (
        swale.base_url == "https://services.swale.gov.uk/meetings" and swale.netloc == "services.swale.gov.uk"
    )
    assert config.settings.min_interval_s == 2
