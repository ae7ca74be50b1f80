package dev.tasklane.desktop.viewmodel;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Time zones as people recognise them: "Berlin — Central European Time (UTC+01:00)" rather than
 * "Europe/Berlin", searchable by city, name, id or offset. Only the region zones (Area/City) and
 * UTC are offered; the legacy aliases (EST5EDT, Etc/GMT+5 …) only confuse.
 */
final class ZoneChoices {

    /** One zone to pick: its id and the label shown. */
    record ZoneOption(ZoneId zone, String label) {
    }

    private static final Set<String> AREAS = Set.of("Africa", "America", "Antarctica", "Arctic", "Asia", "Atlantic",
            "Australia", "Europe", "Indian", "Pacific");

    private final Map<String, ZoneOption> byId;
    private final Map<String, ZoneOption> byLabel;
    private final List<ZoneOption> sorted;

    ZoneChoices(Instant now) {
        List<ZoneOption> options = new ArrayList<>();
        options.add(new ZoneOption(ZoneOffset.UTC, label(ZoneOffset.UTC, now)));
        for (String id : ZoneId.getAvailableZoneIds()) {
            int slash = id.indexOf('/');
            if (slash > 0 && AREAS.contains(id.substring(0, slash))) {
                ZoneId zone = ZoneId.of(id);
                options.add(new ZoneOption(zone, label(zone, now)));
            }
        }
        options.sort(Comparator.comparing(ZoneOption::label, String.CASE_INSENSITIVE_ORDER));
        this.sorted = List.copyOf(options);
        this.byId = options.stream().collect(Collectors.toMap(o -> o.zone().getId(), Function.identity(), (a, b) -> a));
        this.byLabel = options.stream().collect(Collectors.toMap(o -> o.label().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
    }

    /** "Berlin — Central European Time (UTC+01:00)"; "UTC" for UTC. */
    static String label(ZoneId zone, Instant now) {
        if (isUtc(zone)) {
            return "UTC — Coordinated Universal Time (UTC+00:00)";
        }
        String offset = zone.getRules().getOffset(now).getId();
        return city(zone) + " — " + zone.getDisplayName(TextStyle.FULL, Locale.ENGLISH).replace(" Standard", "")
                + " (UTC" + (offset.equals("Z") ? "+00:00" : offset) + ")";
    }

    /** "New York" for America/New_York, "UTC" for UTC: short enough for "09:00 New York time". */
    static String city(ZoneId zone) {
        if (isUtc(zone)) {
            return "UTC";
        }
        String id = zone.getId();
        return id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
    }

    private static boolean isUtc(ZoneId zone) {
        return zone.normalized().equals(ZoneOffset.UTC) && (zone instanceof ZoneOffset || zone.getId().contains("UTC")
                || zone.getId().equals("Etc/GMT") || zone.getId().equals("GMT") || zone.getId().equals("Etc/UCT"));
    }

    private String labelOf(ZoneId zone, Instant now) {
        ZoneOption known = byId.get(zone.getId());
        return known != null ? known.label() : label(zone, now);
    }

    /** The zone a typed text names: a label from the list, an IANA id ("Europe/Berlin"), or a city ("berlin"). */
    Optional<ZoneId> resolve(String text) {
        String wanted = text.strip();
        ZoneOption byName = byLabel.get(wanted.toLowerCase(Locale.ROOT));
        if (byName != null) {
            return Optional.of(byName.zone());
        }
        try {
            return Optional.of(ZoneId.of(wanted));
        } catch (java.time.DateTimeException e) {
            String city = wanted.toLowerCase(Locale.ROOT).replace('_', ' ');
            return sorted.stream().filter(o -> city(o.zone()).toLowerCase(Locale.ROOT).equals(city)).map(ZoneOption::zone).findFirst();
        }
    }

    /**
     * Zones matching {@code query} (any words, in the label or the id, ignoring case), with the
     * user's zone first, then the recently used ones, then the rest alphabetically.
     */
    List<ZoneOption> search(String query, ZoneId own, List<ZoneId> recent, Instant now) {
        Set<ZoneOption> ordered = new LinkedHashSet<>();
        ordered.add(new ZoneOption(own, labelOf(own, now)));
        recent.forEach(zone -> ordered.add(new ZoneOption(zone, labelOf(zone, now))));
        ordered.addAll(sorted);
        String[] words = query.strip().toLowerCase(Locale.ROOT).split("\\s+");
        return ordered.stream().filter(option -> {
            String haystack = (option.label() + " " + option.zone().getId()).toLowerCase(Locale.ROOT).replace('_', ' ');
            for (String word : words) {
                if (!haystack.contains(word)) {
                    return false;
                }
            }
            return true;
        }).toList();
    }
}
