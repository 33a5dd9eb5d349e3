package org.rtmp4j.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: a strict parser of the Prometheus text exposition format 0.0.4 (the client library has none):
 * every line is {@code # HELP name text}, {@code # TYPE name counter|gauge|...}, or a sample {@code
 * name{label="value",...} number}; label values with {@code \\}, {@code \"} and {@code \n} escapes; a TYPE
 * comes before its samples and at most once per name; no other line is accepted. Samples are keyed by name and
 * label set.
 */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) .*");

    /** One sample: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {}

    final Map<String, String> types = new HashMap<>();
    final List<Sample> samples = new ArrayList<>();

    static PrometheusText parse(String text) {
        PrometheusText p = new PrometheusText();
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty() && n == text.split("\n", -1).length) {
                break;
            }
            Matcher m;
            if ((m = TYPE.matcher(line)).matches()) {
                if (p.types.put(m.group(1), m.group(2)) != null) {
                    throw new IllegalArgumentException("line " + n + ": second TYPE for " + m.group(1));
                }
            } else if (HELP.matcher(line).matches()) {
                continue;
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(2) != null) {
                    Matcher l = LABEL.matcher(m.group(2));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\"));
                    }
                }
                String family = m.group(1).replaceAll("_total$", "");
                if (!p.types.containsKey(m.group(1)) && !p.types.containsKey(family)) {
                    throw new IllegalArgumentException("line " + n + ": sample before its TYPE: " + line);
                }
                p.samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
            } else {
                throw new IllegalArgumentException("line " + n + " is not in the text format: '" + line + "'");
            }
        }
        return p;
    }

    /** @return the value of the sample with exactly these labels ({@code name, value, ...}); fails if absent */
    double value(String name, String... labels) {
        Map<String, String> want = new LinkedHashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            want.put(labels[i], labels[i + 1]);
        }
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(want)).mapToDouble(Sample::value)
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + name + want + " in " + samples));
    }
}
