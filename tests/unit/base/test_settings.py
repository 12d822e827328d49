"""Preferences survive between runs and bad files fall back to defaults."""

from facilitator.base.settings import Settings, load_settings, save_settings


def test_settings_round_trip_atomically_and_privately(tmp_path):
    path = tmp_path / "conf" / "settings.json"
    save_settings(Settings(theme="projector", autostart=False), path)
    assert load_settings(path) == Settings(theme="projector", autostart=False)
    assert path.stat().st_mode & 0o777 == 0o600


def test_missing_broken_or_odd_files_give_defaults(tmp_path):
    path = tmp_path / "settings.json"
    assert load_settings(path) == Settings()
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == Settings()
    path.write_text('{"theme": "neon", "autostart": "yes", "extra": 1}', encoding="utf-8")
    assert load_settings(path) == Settings()
