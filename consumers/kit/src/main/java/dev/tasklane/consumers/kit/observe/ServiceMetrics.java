package dev.tasklane.consumers.kit.observe;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A consumer service's numbers in the Prometheus text format ({@code GET /metrics}): counters,
 * gauges and fixed-bucket histograms. Every series carries the {@code service} label, so one
 * dashboard serves all three services. Dependency-free, like the sync server's metrics.
 */
public final class ServiceMetrics {

    private final String service;
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();
    private final Map<String, Histogram> histograms = new ConcurrentHashMap<>();
    private final Map<String, String> help = new ConcurrentHashMap<>();

    public ServiceMetrics(String service) {
        this.service = service;
    }

    public String service() {
        return service;
    }

    public void describe(String name, String description) {
        help.put(name, description);
    }

    public void count(String name, long amount) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(amount);
    }

    public long counter(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    public void gauge(String name, String description, LongSupplier value) {
        gauges.put(name, value);
        help.put(name, description);
    }

    /** Registers a histogram with the given upper bucket bounds (seconds or any unit). */
    public void histogram(String name, String description, double... bounds) {
        histograms.putIfAbsent(name, new Histogram(bounds.clone()));
        help.put(name, description);
    }

    public void observe(String name, double value) {
        Histogram histogram = histograms.get(name);
        if (histogram == null) {
            throw new IllegalStateException("no histogram " + name);
        }
        histogram.observe(value);
    }

    /** The text exposition format, version 0.0.4. */
    public String scrape() {
        String label = "service=\"" + service + "\"";
        StringBuilder out = new StringBuilder();
        counters.keySet().stream().sorted().forEach(name -> {
            header(out, name, "counter");
            out.append(name).append('{').append(label).append("} ").append(counters.get(name).sum()).append('\n');
        });
        gauges.keySet().stream().sorted().forEach(name -> {
            header(out, name, "gauge");
            out.append(name).append('{').append(label).append("} ").append(gauges.get(name).getAsLong()).append('\n');
        });
        histograms.keySet().stream().sorted().forEach(name -> {
            header(out, name, "histogram");
            Histogram histogram = histograms.get(name);
            long cumulative = 0;
            for (int i = 0; i < histogram.bounds.length; i++) {
                cumulative += histogram.buckets[i].sum();
                out.append(name).append("_bucket{").append(label).append(",le=\"").append(histogram.bounds[i]).append("\"} ")
                        .append(cumulative).append('\n');
            }
            long count = histogram.count.sum();
            out.append(name).append("_bucket{").append(label).append(",le=\"+Inf\"} ").append(count).append('\n');
            out.append(name).append("_sum{").append(label).append("} ").append(histogram.sum.sum()).append('\n');
            out.append(name).append("_count{").append(label).append("} ").append(count).append('\n');
        });
        return out.toString();
    }

    private void header(StringBuilder out, String name, String type) {
        out.append("# HELP ").append(name).append(' ').append(help.getOrDefault(name, name)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static final class Histogram {
        final double[] bounds;
        final LongAdder[] buckets;
        final LongAdder count = new LongAdder();
        final DoubleAdder sum = new DoubleAdder();

        Histogram(double[] bounds) {
            Arrays.sort(bounds);
            this.bounds = bounds;
            this.buckets = new LongAdder[bounds.length];
            Arrays.setAll(buckets, i -> new LongAdder());
        }

        void observe(double value) {
            for (int i = 0; i < bounds.length; i++) {
                if (value <= bounds[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sum.add(value);
        }
    }
}
