"""Throttles: sign-in attempts (:class:`SignInThrottle`) and anonymous expensive reads (:class:`RequestBudget`).

Sign-in attempts are slowed so that guessing a password is slow, without letting anyone lock
someone else out:

- **one account from one address**: after ``free`` failures, each further attempt must wait a
  delay that doubles (1 s, 2 s, 4 s … up to ``cap``). One person's typos slow only that person's
  own attempts at their own account;
- **one account from anywhere**: after ``account_free`` failures (from any addresses), a delay
  that doubles up to ``account_cap`` — except for a browser that has signed in to that account
  before (it carries a *known-device* cookie, ``ct_device``), so an attacker spreading guesses
  over many addresses slows the account for strangers, never for its owner;
- **one address**: at most ``names_per_address`` different account names may fail from one
  address within ``window`` (a spray over many accounts); a name already failing there goes on
  under its own delay. A colleague's typos behind the same shared address count as one name,
  so they cannot use up the address's allowance for everyone; and a browser that signed in to
  an account before is spared this limit (and the account-wide delay) for that account.

A throttled attempt is refused with ``429`` and ``Retry-After`` before the password is checked.
Failures are forgotten ``window`` seconds after the last one, and on success. Everything is kept
in the server's memory (one process; a restart forgets it), bounded in size; the clock can be
given, so tests do not wait.

:class:`RequestBudget` gives each anonymous client address a budget of expensive requests
(briefings, downloads, search, comparisons) per minute, refilled continuously (a token bucket).
"""

from __future__ import annotations

import hashlib
import math
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field

DEVICE_COOKIE = "ct_device"
_MEMORY = 10_000  # entries kept before the quiet ones are forgotten


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0


@dataclass(frozen=True)
class ThrottleRules:
    """The numbers of :class:`SignInThrottle` (see the module's docstring)."""

    free: int = 3
    base: float = 1.0
    cap: float = 900.0
    account_free: int = 10
    account_cap: float = 60.0
    names_per_address: int = 20
    window: float = 900.0


@dataclass
class SignInThrottle:
    """Progressive delays per account and address, per account, and a limit of names per address."""

    rules: ThrottleRules = field(default_factory=ThrottleRules)
    clock: Callable[[], float] = time.monotonic
    _pairs: dict[tuple[str, str], _Failures] = field(default_factory=dict, repr=False)
    _accounts: dict[str, _Failures] = field(default_factory=dict, repr=False)
    _addresses: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    _devices: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def wait(self, name: str, address: str, device: str | None = None) -> int:
        """Seconds before this attempt may be made (0: now)."""
        now, rules, name = self.clock(), self.rules, name.casefold()
        waits = [self._delay(self._pairs.get((name, address)), rules.free, rules.cap, now)]
        if self.known_device(name, device):
            return math.ceil(max(waits[0], 0))
        waits.append(self._delay(self._accounts.get(name), rules.account_free, rules.account_cap, now))
        failing = self._failing_names(address, now)
        if name not in failing and len(failing) >= rules.names_per_address:
            waits.append(min(failing.values()) + rules.window - now)
        longest = max(waits)
        return math.ceil(longest) if longest > 0 else 0

    def failed(self, name: str, address: str) -> None:
        now, name = self.clock(), name.casefold()
        pair = self._pairs.get((name, address))
        if pair is None or now - pair.last > self.rules.window:
            pair = self._pairs[(name, address)] = _Failures()
        account = self._accounts.get(name)
        if account is None or now - account.last > self.rules.window:
            account = self._accounts[name] = _Failures()
        for seen in (pair, account):
            seen.count += 1
            seen.last = now
        self._addresses.setdefault(address, {})[name] = now
        if len(self._pairs) + len(self._accounts) + len(self._addresses) > _MEMORY:
            self._forget_quiet(now)

    def succeeded(self, name: str, address: str) -> str:
        """Forget this account's failures; returns a new known-device value for the browser's cookie."""
        name = name.casefold()
        self._pairs.pop((name, address), None)
        self._accounts.pop(name, None)
        self._addresses.get(address, {}).pop(name, None)
        device = secrets.token_urlsafe(24)
        known = self._devices.setdefault(name, [])
        known.append(_digest(device))
        del known[:-20]  # the last 20 browsers of each account
        if len(self._devices) > _MEMORY:
            self._devices.pop(next(iter(self._devices)))
        return device

    def known_device(self, name: str, device: str | None) -> bool:
        return bool(device) and _digest(device or "") in self._devices.get(name.casefold(), ())

    def _delay(self, seen: _Failures | None, free: int, cap: float, now: float) -> float:
        if seen is None or seen.count < free or now - seen.last > self.rules.window:
            return 0.0
        delay: float = min(self.rules.base * 2.0 ** (seen.count - free), cap)
        return seen.last + delay - now

    def _failing_names(self, address: str, now: float) -> dict[str, float]:
        names = self._addresses.get(address, {})
        for stale in [n for n, at in names.items() if now - at > self.rules.window]:
            del names[stale]
        return names

    def _forget_quiet(self, now: float) -> None:
        window = self.rules.window
        self._pairs = {k: v for k, v in self._pairs.items() if now - v.last <= window}
        self._accounts = {k: v for k, v in self._accounts.items() if now - v.last <= window}
        self._addresses = {a: n for a in list(self._addresses) if (n := self._failing_names(a, now))}


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


@dataclass
class RequestBudget:
    """A token bucket per client address: ``per_minute`` expensive requests, refilled continuously."""

    per_minute: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict, repr=False)  # address: (tokens, when)

    def take(self, address: str) -> int:
        """Spend one request of ``address``'s budget: 0 if allowed, else the seconds until one is."""
        if self.per_minute <= 0:
            return 0
        now = self.clock()
        tokens, when = self._buckets.get(address, (self.per_minute, now))
        tokens = min(self.per_minute, tokens + (now - when) * self.per_minute / 60)
        if tokens < 1:
            self._buckets[address] = (tokens, now)
            return math.ceil((1 - tokens) * 60 / self.per_minute)
        self._buckets[address] = (tokens - 1, now)
        if len(self._buckets) > _MEMORY:  # forget the full buckets (clients quiet for a minute or more)
            full = [a for a, (t, w) in self._buckets.items() if t + (now - w) * self.per_minute / 60 >= self.per_minute]
            for stale in full:
                del self._buckets[stale]
        return 0
