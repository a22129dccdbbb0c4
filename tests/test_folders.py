"""Folders graphkit makes beside a user's paths: removed only when graphkit's, and never taken from another run."""

import os

from graphkit import folders


def test_an_empty_folder_of_graphkits_is_removed_and_one_holding_another_runs_work_is_kept_marked(tmp_path):
    folder = str(tmp_path / "read")
    folders.make(folder)
    os.makedirs(os.path.join(folder, "another-run"))
    folders.remove(folder, if_empty=True)
    assert sorted(os.listdir(folder)) == sorted(["another-run", folders.MARK])
    os.rmdir(os.path.join(folder, "another-run"))
    folders.remove(folder, if_empty=True)
    assert not os.path.exists(folder)


def test_a_run_writing_into_the_folder_as_it_is_removed_keeps_it_graphkits(tmp_path, monkeypatch):
    """Another run's folder made between the look and the removal: the removal fails and the mark comes back, so
    neither run's work is lost and the next run still finds the folder graphkit's."""
    folder = str(tmp_path / "read")
    folders.make(folder)
    rmdir = os.rmdir

    def written_into_first(path):
        os.makedirs(os.path.join(path, "another-run"))
        rmdir(path)

    monkeypatch.setattr(os, "rmdir", written_into_first)
    folders.remove(folder, if_empty=True)
    assert sorted(os.listdir(folder)) == sorted(["another-run", folders.MARK])
    folders.check(folder)
