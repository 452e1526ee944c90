"""What a batch shows while it works, from the first second.

On a terminal: tqdm's bar (files/s, ETA, live status counts), its total growing while files are
still being found beside the work, refreshed every second with the file in hand and how long it has
taken (a 41-page scan under OCR is a minute of no news otherwise). Off a terminal (a log, a pipe,
nohup): a plain line every `plain_every` seconds, and the same news. `enabled=False` (-q): nothing.

The refresh is driven by the worker pool's wait loop (`tick`), not by a thread: workers are forked
from this process, and a thread holding the terminal's lock at fork time would leave it held there.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from typing import TextIO

_STATES = ("ok", "needs_review", "no_assessment", "error")


def _short(path: str, width: int = 40) -> str:
    name = os.path.basename(path)
    return name if len(name) <= width else "…" + name[-(width - 1):]


class Progress:
    def __init__(self, enabled: bool | None = None, stream: TextIO | None = None, plain_every: float | None = None):
        self.stream = stream or sys.stderr
        tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.mode = "off" if enabled is False else ("bar" if tty or enabled else "plain")
        self.plain_every = plain_every if plain_every is not None else \
            float(os.environ.get("SARKIT_PROGRESS_EVERY", "30"))
        self.bar = None
        self.total = self.done = self._already = 0
        self.finding = False
        self.counts: Counter = Counter()
        self.started = self._last = time.monotonic()
        self._phase_last = 0.0

    # -- phases before the files are read -------------------------------------------------------
    def phase(self, text: str, force: bool = False) -> None:
        """A counter line ("converting 40 legacy Word files …"): on a terminal rewritten in place
        at most five times a second; off one, printed every `plain_every` seconds (and when `force`)."""
        if self.mode == "off":
            return
        now = time.monotonic()
        if self.mode == "bar":
            if force or now - self._phase_last >= 0.2:
                self.stream.write(f"\r\x1b[Ksarkit: {text}")
                self.stream.flush()
                self._phase_last = now
        elif force or now - self._phase_last >= self.plain_every:
            self.stream.write(f"sarkit: {text}\n")
            self.stream.flush()
            self._phase_last = now

    def end_phase(self, text: str) -> None:
        if self.mode == "bar":
            self.stream.write(f"\r\x1b[Ksarkit: {text}\n")
            self.stream.flush()
        elif self.mode == "plain":
            self.stream.write(f"sarkit: {text}\n")
            self.stream.flush()

    # -- reading the files ----------------------------------------------------------------------
    def start(self, total: int, already: int, counts: Counter) -> None:
        self.total, self.done, self.counts = total, already, counts
        self.started = self._last = time.monotonic()
        self._already = already
        if self.mode == "bar":
            import tqdm

            tqdm.tqdm.monitor_interval = 0  # no monitor thread: workers are forked from this process
            self.bar = tqdm.tqdm(total=total, initial=already, unit="file", dynamic_ncols=True, file=self.stream,
                                 mininterval=0.5)

    def found(self, total: int, already: int, finding: bool) -> None:
        """Discovery runs beside the work: the total grows as files are found (`already`: rows found done,
        from an earlier run or unreadable), and the line says the count is not final while `finding`."""
        self.finding = finding
        self.done += already
        self._already += already
        if self.bar is not None and (total != self.total or already):
            self.bar.total = total
            self.bar.n += already
            self.bar.initial += already
        self.total = total

    def say(self, text: str) -> None:
        """A line of news while the files are read (above the bar on a terminal)."""
        if self.bar is not None:
            self.bar.write(f"sarkit: {text}", file=self.stream)
        elif self.mode != "off":
            self.stream.write(f"sarkit: {text}\n")
            self.stream.flush()

    def update(self, status: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix({k: self.counts[k] for k in _STATES if self.counts[k]}, refresh=False)

    def tick(self, in_hand: list[tuple[str, float]]) -> None:
        """Called at least once a second by the pool: (path, seconds on it) of each file in hand."""
        if self.mode == "bar" and self.bar is not None:
            if in_hand:
                path, secs = max(in_hand, key=lambda x: x[1])
                self.bar.set_description_str(f"{_short(path)} {secs:.0f}s", refresh=False)
            self.bar.refresh()
        elif self.mode == "plain" and time.monotonic() - self._last >= self.plain_every:
            self._last = time.monotonic()
            self.stream.write(self.plain_line(in_hand) + "\n")
            self.stream.flush()

    def plain_line(self, in_hand: list[tuple[str, float]] = ()) -> str:
        elapsed = time.monotonic() - self.started
        now = self.done - self._already
        rate = now / elapsed if elapsed > 0 else 0.0
        left = self.total - self.done
        eta = f", about {_duration(left / rate)} left" if rate > 0 and left and not self.finding else ""
        pct = f" ({100 * self.done / self.total:.0f}%)" if self.total and not self.finding else ""
        more = " found so far" if self.finding else ""
        states = ", ".join(f"{self.counts[k]} {k}" for k in _STATES if self.counts[k])
        hand = f"; reading {', '.join(_short(p) for p, _ in in_hand)}" if in_hand else ""
        return f"sarkit: {self.done}/{self.total} files{more}{pct}, {rate:.1f} files/s{eta}; {states or 'none yet'}{hand}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.set_description_str("", refresh=False)
            self.bar.close()
            self.bar = None


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"
