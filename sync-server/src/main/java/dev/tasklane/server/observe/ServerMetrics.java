package dev.tasklane.server.observe;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The few numbers operators need, in the Prometheus text format at {@code GET /metrics}:
 * HTTP requests by method and status, sync mutations applied and rejected (rate them in
 * Prometheus for mutations/s), outbox lag, events published, and open SSE streams.
 * Kept to a counter and a gauge type so the exposition stays exact and dependency-free.
 */
public final class ServerMetrics {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<String, String> help = new ConcurrentHashMap<>();

    /** Adds {@code amount} to a counter; {@code labels} is a Prometheus label set like {@code method="GET"}. */
    public void count(String name, String labels, long amount) {
        counters.computeIfAbsent(series(name, labels), k -> new LongAdder()).add(amount);
    }

    public void gauge(String name, String description, LongSupplier value) {
        gauges.put(name, value);
        help.put(name, description);
    }

    public void describe(String name, String description) {
        help.put(name, description);
    }

    /** The text exposition format (version 0.0.4). */
    public String scrape() {
        StringBuilder out = new StringBuilder();
        counters.keySet().stream().map(ServerMetrics::baseName).distinct().sorted().forEach(name -> {
            out.append("# HELP ").append(name).append(' ').append(help.getOrDefault(name, name)).append('\n');
            out.append("# TYPE ").append(name).append(" counter\n");
            counters.entrySet().stream().filter(e -> baseName(e.getKey()).equals(name)).sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.append(e.getKey()).append(' ').append(e.getValue().sum()).append('\n'));
        });
        gauges.keySet().stream().sorted().forEach(name -> {
            long value = gauges.get(name).getAsLong();
            out.append("# HELP ").append(name).append(' ').append(help.getOrDefault(name, name)).append('\n');
            out.append("# TYPE ").append(name).append(" gauge\n");
            out.append(name).append(' ').append(value).append('\n');
        });
        return out.toString();
    }

    private static String series(String name, String labels) {
        return labels.isEmpty() ? name : name + "{" + labels + "}";
    }

    private static String baseName(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }
}
