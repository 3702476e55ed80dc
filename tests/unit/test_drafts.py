"""Drafts on this PC: what a killed console leaves behind is cleaned when the store
opens, and a save reaches the disk with its rename."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest

from console.app import drafts
from console.app.drafts import DraftStore


def test_a_killed_consoles_temporary_files_are_removed_and_the_drafts_kept(
    tmp_path: Path,
) -> None:
    store = DraftStore(tmp_path)
    store.save("call-1.notes", "用户反映燃气表不走字")
    old = time.time() - drafts.ORPHAN_AFTER_S - 5
    for name in (".draft-k1w2", ".draft-x9z0"):  # left by kills mid-save
        (tmp_path / name).write_text("半截", encoding="utf-8")
        os.utime(tmp_path / name, (old, old))
    (tmp_path / ".draft-busy").write_text("另一个控制台正在保存", encoding="utf-8")

    reopened = DraftStore(tmp_path)

    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [".draft-busy", "call-1.notes.txt"]  # a save under way is not touched
    assert reopened.load("call-1.notes") == "用户反映燃气表不走字"


def test_a_save_syncs_the_file_and_then_the_folder_holding_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    DraftStore(tmp_path).save("call-2.notes", "已告知停气时间")
    assert synced == ["file", "folder"]
    assert (tmp_path / "call-2.notes.txt").read_text(encoding="utf-8") == "已告知停气时间"
