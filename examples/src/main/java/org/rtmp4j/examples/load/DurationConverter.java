package org.rtmp4j.examples.load;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a non-negative duration written as a number and an optional unit: {@code 500ms}, {@code 60s},
 * {@code 2m}, {@code 1h}; a bare number is seconds. Stateless and thread-safe.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        int unitAt = 0;
        while (unitAt < v.length() && Character.isDigit(v.charAt(unitAt))) {
            unitAt++;
        }
        if (unitAt == 0 || unitAt > 9) {
            throw new TypeConversionException("not a duration (e.g. 500ms, 60s, 2m): " + value);
        }
        long n = Long.parseLong(v.substring(0, unitAt));
        switch (v.substring(unitAt)) {
            case "ms":
                return Duration.ofMillis(n);
            case "":
            case "s":
                return Duration.ofSeconds(n);
            case "m":
                return Duration.ofMinutes(n);
            case "h":
                return Duration.ofHours(n);
            default:
                throw new TypeConversionException("unknown duration unit in " + value + " (use ms, s, m or h)");
        }
    }
}
