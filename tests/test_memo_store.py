"""The memo of a build cache keeps its values in a file, read one at a time: what it gives
back equals what was put in, a damaged value is made again, and page HTML packed in pieces
is the same bytes as packed whole."""

from __future__ import annotations

import gc
import pickle

from kriya.packed import BATCH, Packed
from kriya.speed.memo import Memo
from kriya.speed.values import InFile


def test_html_packed_in_pieces_is_the_same_as_packed_whole():
    pieces = ["<p>Tenun ikat — ", "é" * 3, "</p>\n", "x" * (BATCH + 5), "", "akhir"] * 40
    whole = "".join(pieces)
    assert Packed.joined(pieces) == Packed.of(whole)
    assert Packed.joined(iter(pieces)).text() == whole
    assert Packed.joined([]) == Packed.of("")


def run(memo: Memo, items: list[str], made: list[str]) -> list:
    def double(item: str) -> str:
        made.append(item)
        return item * 2

    results = memo.map("step", double, items, key=lambda item: item)
    memo.turn()
    return results


def saved_and_restored(memo: Memo, folder, damaged: list, flip: int | None = None) -> Memo:
    """What a BuildCache does between two builds, without the rest of a build (and the
    byte at `flip` changed in the file between them)."""
    memo.store.close()
    data = folder / "memo.data"
    (folder / "memo.data.baru").replace(data)
    if flip is not None:
        changed = bytearray(data.read_bytes())
        changed[flip] ^= 0xFF
        data.write_bytes(bytes(changed))
    state = pickle.loads(pickle.dumps((memo.store.size, memo.saved())))
    size, saved = state
    store = InFile(data, size, folder / "memo.data.baru", lambda: damaged.append(1))
    return Memo.restored(saved, store)


def test_values_come_back_from_the_file_and_only_changed_ones_are_made(tmp_path):
    damaged: list = []
    memo = Memo(InFile(None, 0, tmp_path / "memo.data.baru", lambda: damaged.append(1)))
    made: list[str] = []
    assert run(memo, ["a", "b", "c"], made) == ["aa", "bb", "cc"]
    memo.pages["halaman"] = "<p>isi</p>"
    assert memo.pages["halaman"] == Packed.of("<p>isi</p>")
    memo.turn()

    memo = saved_and_restored(memo, tmp_path, damaged)
    made.clear()
    assert run(memo, ["a", "c", "d"], made) == ["aa", "cc", "dd"]
    assert made == ["d"]
    assert "halaman" not in memo.pages  # not read in the last run: forgotten

    memo = saved_and_restored(memo, tmp_path, damaged)
    made.clear()
    assert run(memo, ["a", "c", "d"], made) == ["aa", "cc", "dd"]
    assert made == [] and damaged == []


def test_values_read_back_are_frozen_and_the_collector_runs_again(tmp_path):
    """A build reads its memo's values with the collector paused, then freezes them
    (speed.memo._values_read); the preview's memo in memory is left alone."""
    gc.unfreeze()  # (what earlier tests of this process froze)
    memo = Memo(InFile(None, 0, tmp_path / "memo.data.baru", lambda: None))
    run(memo, ["a", "b"], [])  # nothing to read back yet: nothing frozen
    assert gc.get_freeze_count() == 0
    memo = saved_and_restored(memo, tmp_path, [])
    try:
        made: list[str] = []
        assert run(memo, ["a", "b", "c"], made) == ["aa", "bb", "cc"] and made == ["c"]
        assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    in_memory = Memo()
    run(in_memory, ["a"], [])
    assert run(in_memory, ["a"], []) == ["aa"] and gc.get_freeze_count() == 0
    gc.disable()  # a caller that turned the collector off keeps it off
    try:
        run(saved_and_restored(memo, tmp_path, []), ["a"], [])
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_a_damaged_value_is_made_again(tmp_path):
    damaged: list = []
    memo = Memo(InFile(None, 0, tmp_path / "memo.data.baru", lambda: damaged.append(1)))
    run(memo, ["satu", "dua"], [])
    memo = saved_and_restored(memo, tmp_path, damaged, flip=-1)  # inside the last value
    made: list[str] = []
    assert run(memo, ["satu", "dua"], made) == ["satusatu", "duadua"]
    assert made == ["dua"] and damaged == [1]


def test_kept_values_stay_where_they_are_and_a_failed_runs_tail_is_cut(tmp_path):
    damaged: list = []
    memo = Memo(InFile(None, 0, tmp_path / "memo.data.baru", lambda: damaged.append(1)))
    run(memo, ["a" * 100, "b" * 100], [])
    memo.store.close()
    data = tmp_path / "memo.data"
    (tmp_path / "memo.data.baru").replace(data)
    size, saved = memo.store.size, pickle.loads(pickle.dumps(memo.saved()))
    before = data.read_bytes()
    with open(data, "ab") as handle:  # what a build that failed after writing leaves
        handle.write(b"sisa build gagal")

    memo = Memo.restored(saved, InFile(data, size, data, lambda: damaged.append(1)))
    made: list[str] = []
    assert run(memo, ["a" * 100, "c"], made) == ["a" * 200, "cc"]
    assert made == ["c"] and damaged == []
    memo.store.close()
    after = data.read_bytes()
    assert after.startswith(before) and len(after) == memo.store.size  # only "cc" added
    assert memo.saved()[0]["step"][1]["a" * 100] == saved[0]["step"][1]["a" * 100]


def test_the_build_cache_copies_its_values_once_most_are_unused(tmp_path):
    from kriya.speed.cache import KEY_FILE, VALUES_FILE, BuildCache

    def build(items: list[str]) -> tuple[bool, list[str]]:
        cache = BuildCache(tmp_path, "kunci")
        memo = cache.memo()
        made: list[str] = []
        assert run(memo, items, made) == [item * 2 for item in items]
        cache.keep_memo(cache.write_memo(memo))
        (tmp_path / KEY_FILE).write_text("kunci")
        assert cache.note in ("", "Belum ada cache build; build penuh.")
        return memo.store.in_place, made

    many = [f"{n}" * 1000 for n in range(10)]
    assert build(many) == (False, many)  # nothing to keep yet
    assert build(many + ["x"]) == (True, ["x"])
    in_use = (tmp_path / VALUES_FILE).stat().st_size
    assert build(many[:2]) == (True, [])  # the file holds unused values now
    assert (tmp_path / VALUES_FILE).stat().st_size == in_use
    assert build(many[:2]) == (False, [])  # copied: only what is used
    assert (tmp_path / VALUES_FILE).stat().st_size < in_use / 4
    assert build(many[:3]) == (True, [many[2]])
