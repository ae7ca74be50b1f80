package dev.tasklane.core.quickadd;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The quick-add bar parses on every keystroke (its live preview), so every line a person passes
 * through while typing must read as something: no word of the grammar, in any order or cut off at
 * the end ("…remind" before "me 15m before"), may make the parser fail.
 */
class QuickAddTypingPropertiesTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneId.of("Europe/Berlin"));
    private static final List<String> WORDS = List.of("remind", "me", "at", "on", "by", "for", "due", "every", "other", "before",
            "after", "in", "end", "of", "the", "a", "week", "weeks", "month", "months", "year", "day", "days", "weekday",
            "weekend", "mon", "thu", "mon,thu", "tue", "and", "&", "mondays", "morning", "tonight", "today", "tomorrow", "next",
            "this", "15m", "1h", "2", "3", "15th", "31st", "9", "9am", "7:30pm", "25:99", "17:00", "1/12", "15/04", "04/15",
            "15.04.", "15.04.2027", "30/02", "dec", "5", "march", "it", "!high", "!", "#home", "#", "Buy", "milk", "Call", "mum");

    @Provide
    Arbitrary<String> typedLines() {
        return Arbitraries.of(WORDS).list().ofMinSize(0).ofMaxSize(9).map(words -> String.join(" ", words));
    }

    @Property(tries = 3000)
    void everyLineAndEveryPrefixOfItReadsAsSomething(@ForAll("typedLines") String line) {
        QuickAddParser parser = new QuickAddParser(NOW);
        for (int end = 0; end <= line.length(); end++) {
            QuickAdd parsed = parser.parse(line.substring(0, end));
            assertThat(parsed).isNotNull();
        }
    }
}
