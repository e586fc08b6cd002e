"""Working-time arithmetic over one calendar's work intervals, for many tickets at once.

``resource.calendar`` gives the work intervals (attendances in the calendar's time zone,
minus public holidays); a :class:`WorkTimeline` fetches them once for a span of time and
then answers, for each ticket, "how many working hours between a and b" and "when are
``h`` working hours after a spent" by bisection, with the very semantics of
``resource.calendar.plan_hours`` (a budget that ends exactly at the end of an interval ends
there, not at the start of the next one) and ``get_work_hours_count``.
"""

from bisect import bisect_left, bisect_right
from datetime import timedelta

from pytz import utc

# the span fetched beyond the latest start, and again each time it is not enough
SPAN = timedelta(days=7)


def aware(value):
    """``value`` as an aware UTC datetime (the ORM's datetimes are naive UTC)."""
    return value.replace(tzinfo=utc) if value.tzinfo is None else value.astimezone(utc)


def naive(value):
    """``value`` as the ORM stores it: naive UTC, to the second."""
    return value.astimezone(utc).replace(tzinfo=None, microsecond=0) if value else value


class WorkTimeline:
    """The work intervals of ``calendar`` from ``start`` on, with running totals."""

    def __init__(self, calendar, start, end=None):
        self.calendar = calendar
        self.start = aware(start)
        self.end = self.start
        # per interval: start, stop, working hours before it and at its end
        self.starts, self.stops, self.cumulated, self.ends = [], [], [], []
        self._extend(aware(end) if end else self.start + SPAN)

    def _extend(self, until):
        """Fetch the work intervals up to ``until`` (at least one more span)."""
        until = max(until, self.end + SPAN)
        intervals = self.calendar._work_intervals_batch(self.end, until, compute_leaves=True)[False]
        total = self.ends[-1] if self.ends else 0.0
        for start, stop, _meta in intervals:
            start, stop = start.astimezone(utc), stop.astimezone(utc)
            if self.stops and start < self.stops[-1]:  # never count an overlap twice
                start = self.stops[-1]
            if stop <= start:
                continue
            self.starts.append(start)
            self.stops.append(stop)
            self.cumulated.append(total)
            total += (stop - start).total_seconds() / 3600
            self.ends.append(total)
        self.end = until

    def _position(self, moment):
        """Working hours from the timeline's start to ``moment``."""
        moment = aware(moment)
        while moment > self.end:
            self._extend(moment)
        index = bisect_right(self.starts, moment) - 1
        if index < 0:
            return 0.0
        inside = min(moment, self.stops[index]) - self.starts[index]
        return self.cumulated[index] + max(inside.total_seconds(), 0) / 3600

    def hours_between(self, start, stop):
        """Working hours between two datetimes (0 when ``stop`` is not after ``start``)."""
        if not start or not stop or stop <= start:
            return 0.0
        return self._position(stop) - self._position(start)

    def plan(self, hours, start):
        """The moment ``hours`` working hours after ``start`` are spent (naive UTC)."""
        start = aware(start)
        target = self._position(start) + max(hours, 0.0)
        for _attempt in range(60):  # up to about ten years ahead
            if self.ends and self.ends[-1] >= target and self.stops[-1] > start:
                break
            self._extend(self.end + SPAN)
        else:
            return False
        # the first interval after ``start`` whose end reaches the target
        index = max(bisect_left(self.ends, target - 1e-9), bisect_right(self.stops, start))
        begin = max(self.starts[index], start)
        moment = begin + timedelta(hours=target - self._position(begin))
        return naive(min(moment, self.stops[index]))


def timelines(calendars, start, end=None):
    """One :class:`WorkTimeline` per calendar id, all from ``start``."""
    return {calendar.id: WorkTimeline(calendar, start, end) for calendar in calendars}
