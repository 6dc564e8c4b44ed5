"""Which files each language's build takes (scripts/site/build_language.py). Whole builds, which
these files feed, are compared byte for byte in test_language_builds.py."""

from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import get_files

from scripts.site.build_language import building_language, leave_out_other_languages
from tests.site_builds import copy_project


def test_each_language_build_leaves_out_the_other_language_folder(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.delenv("NEWS_BUILD_LOCALE", raising=False)
    config = load_config(config_file=str(project / "mkdocs.yml"))
    # The hooks leave the files out just before static-i18n maps them, and see what it made after.
    assert [getattr(handler, "__name__", "") for handler in config.plugins.events["files"]] == [
        "_on_files_early",
        "on_files",  # static-i18n's
        "_on_files_late",
    ]
    config = config.plugins.on_config(config)  # static-i18n's sets the language it builds
    assert building_language(config) == "fr"
    files = get_files(config)
    files.add_files_from_theme(config.theme.get_env(), config)  # as MkDocs' build, before on_files
    from_docs = {file.src_uri for file in files if file.src_dir == config.docs_dir}
    assert any(uri.startswith("fr/") for uri in from_docs) and any(uri.startswith("en/") for uri in from_docs)

    def kept(lang: str) -> set[str]:
        config.theme["language"] = lang  # what static-i18n sets for each language's build
        return {file.src_uri for file in leave_out_other_languages(files, config)}

    assert kept("fr") == {uri for uri in (file.src_uri for file in files) if not uri.startswith("en/")}
    assert kept("en") == {uri for uri in (file.src_uri for file in files) if not uri.startswith("fr/")}
    assert "assets/stylesheets/news.css" in kept("en")  # the theme's own files
    assert len(kept("de")) == len(files)  # not a language of the site: nothing is left out
    # With fallback_to_default, static-i18n stands a French page in for a missing English one.
    config.plugins["i18n"].config.fallback_to_default = True
    assert len(kept("en")) == len(files)
    # static-i18n's build_only_locale says the language, whatever the theme says.
    monkeypatch.setenv("NEWS_BUILD_LOCALE", "en")
    only_english = load_config(config_file=str(project / "mkdocs.yml"))
    assert building_language(only_english) == "en"
    assert not any(file.src_uri.startswith("fr/") for file in leave_out_other_languages(files, only_english))


def test_no_language_is_assumed_where_static_i18n_does_not_set_the_theme(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.delenv("NEWS_BUILD_LOCALE", raising=False)
    config = load_config(config_file=str(project / "mkdocs.yml"))
    config.plugins["i18n"].config.reconfigure_material = False  # the theme's language is then fixed
    files = get_files(config)
    assert building_language(config) is None
    assert len(leave_out_other_languages(files, config)) == len(files)
