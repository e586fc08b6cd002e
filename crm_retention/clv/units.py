"""Time units of the models.

Every model of this package counts time in WEEKS: recency t_x, age T, the horizon t of a
forecast and the rates the parameters describe (alpha and beta are in weeks, r/alpha is the
mean purchase rate per week). A horizon given in another unit is converted here and nowhere
else, so that a "12-month" forecast never silently becomes 12 weeks or 360 weeks.

- a week is 7 days;
- a month is the mean Gregorian month, 365.25 / 12 = 30.4375 days = 4.348 weeks;
- a year is 365.25 days = 52.18 weeks.
"""

DAYS_PER_WEEK = 7.0
DAYS_PER_MONTH = 30.4375
DAYS_PER_YEAR = 365.25
WEEKS_PER_MONTH = DAYS_PER_MONTH / DAYS_PER_WEEK
WEEKS_PER_YEAR = DAYS_PER_YEAR / DAYS_PER_WEEK


def days_to_weeks(days):
    """Days (a number or a numpy array) as weeks: days / 7."""
    return days / DAYS_PER_WEEK


def months_to_weeks(months):
    """Months (a number or a numpy array) as weeks: months x 30.4375 days / 7 (4.348 a month)."""
    return months * WEEKS_PER_MONTH


def years_to_weeks(years):
    """Years (a number or a numpy array) as weeks: years x 365.25 days / 7 (52.18 a year)."""
    return years * WEEKS_PER_YEAR


def weeks_to_months(weeks):
    """Weeks (a number or a numpy array) as months of 30.4375 days."""
    return weeks / WEEKS_PER_MONTH
