package dev.tasklane.core.quickadd;

import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;
import java.util.Locale;

/**
 * Which number comes first in a numeric date such as {@code 04/05}: the day (most of the world,
 * {@code 4 May}) or the month (the United States and a few others, {@code April 5}).
 */
public enum DateOrder {
    DAY_FIRST,
    MONTH_FIRST;

    /** The order the locale's own short date format uses ({@code M/d/yy} for en-US, {@code dd/MM/y} for en-GB). */
    public static DateOrder of(Locale locale) {
        String pattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(FormatStyle.SHORT, null,
                IsoChronology.INSTANCE, locale);
        int day = pattern.indexOf('d');
        int month = pattern.indexOf('M');
        return month >= 0 && day >= 0 && month < day ? MONTH_FIRST : DAY_FIRST;
    }
}
