package dev.tasklane.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasklane.core.merge.TaskField;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Text that cannot be stored faithfully (U+0000, lone surrogates) is a field error, not a database failure or a "?". */
class StoredTextTest {

    private static final Task TASK = Task.create(UUID.randomUUID(), "Buy milk", Instant.parse("2026-11-27T10:00:00Z"));

    private static List<FieldError> errorsOf(Runnable action) {
        try {
            action.run();
        } catch (ValidationException e) {
            return e.errors();
        }
        throw new AssertionError("expected a ValidationException");
    }

    @Test
    void aNulInTheTitleIsAFieldErrorOnTheTitle() {
        assertThat(errorsOf(() -> TASK.withTitle("Buy\u0000milk")))
                .extracting(FieldError::field, FieldError::code).containsExactly(org.assertj.core.groups.Tuple.tuple("title", "invalid_text"));
    }

    @Test
    void aLoneSurrogateInTheNotesIsAFieldErrorOnTheNotes() {
        assertThat(errorsOf(() -> TASK.withNotes("half an emoji \uD83D here")))
                .extracting(FieldError::field, FieldError::code).containsExactly(org.assertj.core.groups.Tuple.tuple("notes", "invalid_text"));
    }

    @Test
    void aLoneSurrogateInATagIsAnInvalidTag() {
        assertThat(errorsOf(() -> TASK.withTags(List.of("ok", "bad\uDC00"))))
                .extracting(FieldError::field, FieldError::code).containsExactly(org.assertj.core.groups.Tuple.tuple("tags", "invalid_tag"));
    }

    @Test
    void aPushedFieldValueWithNulIsRejectedByTheFieldRules() {
        assertThatThrownBy(() -> TaskField.NOTES.validate("a\u0000b"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::code).containsExactly(org.assertj.core.groups.Tuple.tuple("notes", "invalid_text")));
    }

    @Test
    void emojiRightToLeftAndCombiningTextAreFine() {
        String text = "Café \uD83D\uDE80 שלום e\u0301 \u202Eabc";
        assertThat(TASK.withTitle(text).withNotes(text).title()).isEqualTo(text);
        assertThat(PlainText.problem(text)).isEmpty();
    }
}
