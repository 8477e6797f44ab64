"""The State Council's holiday arrangements (放假安排) as data: (first day, last day, name) and the
weekend days worked in exchange (调休). 2027 lists only the fixed statutory days until the year's
notice is published; administrators add the rest on the calendar page."""

from datetime import date

HOLIDAYS = [
    (date(2025, 1, 1), date(2025, 1, 1), "元旦"),
    (date(2025, 1, 28), date(2025, 2, 4), "春节"),
    (date(2025, 4, 4), date(2025, 4, 6), "清明节"),
    (date(2025, 5, 1), date(2025, 5, 5), "劳动节"),
    (date(2025, 5, 31), date(2025, 6, 2), "端午节"),
    (date(2025, 10, 1), date(2025, 10, 8), "国庆节、中秋节"),
    (date(2026, 1, 1), date(2026, 1, 3), "元旦"),
    (date(2026, 2, 15), date(2026, 2, 23), "春节"),
    (date(2026, 4, 4), date(2026, 4, 6), "清明节"),
    (date(2026, 5, 1), date(2026, 5, 5), "劳动节"),
    (date(2026, 6, 19), date(2026, 6, 21), "端午节"),
    (date(2026, 9, 25), date(2026, 9, 27), "中秋节"),
    (date(2026, 10, 1), date(2026, 10, 7), "国庆节"),
    (date(2027, 1, 1), date(2027, 1, 1), "元旦"),
    (date(2027, 2, 6), date(2027, 2, 8), "春节"),
    (date(2027, 5, 1), date(2027, 5, 2), "劳动节"),
    (date(2027, 10, 1), date(2027, 10, 3), "国庆节"),
]

WORKDAYS = [
    (date(2025, 1, 26), "春节调休"),
    (date(2025, 2, 8), "春节调休"),
    (date(2025, 4, 27), "劳动节调休"),
    (date(2025, 9, 28), "国庆节调休"),
    (date(2025, 10, 11), "国庆节调休"),
    (date(2026, 1, 4), "元旦调休"),
    (date(2026, 2, 14), "春节调休"),
    (date(2026, 2, 28), "春节调休"),
    (date(2026, 5, 9), "劳动节调休"),
    (date(2026, 9, 20), "国庆节调休"),
    (date(2026, 10, 10), "国庆节调休"),
]
