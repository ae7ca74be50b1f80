package dev.tasklane.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MergeTest {

    private static final UUID TASK = UUID.fromString("0190f0a0-0000-7000-8000-00000000000a");
    private static final Instant CREATED = Instant.parse("2026-11-26T10:00:00Z");

    private final TaskState created = TaskState.empty(TASK)
            .apply(Mutations.between(TaskState.empty(TASK), Task.create(TASK, "Buy milk", CREATED),
                    new Hlc(1_000, 0, "laptop"), UUID.randomUUID()))
            .state();

    private Mutation edit(TaskState base, java.util.function.UnaryOperator<Task> change, Hlc hlc) {
        return Mutations.between(base, change.apply(base.toTask().orElseThrow()), hlc, UUID.randomUUID());
    }

    @Test
    void mergeKeepsNewerTitleWhenClocksDiffer() {
        Mutation older = edit(created, t -> t.withTitle("Buy oat milk"), new Hlc(2_000, 0, "laptop"));
        Mutation newer = edit(created, t -> t.withTitle("Buy soy milk"), new Hlc(3_000, 0, "desktop"));
        TaskState oneWay = created.apply(older).state().apply(newer).state();
        TaskState otherWay = created.apply(newer).state().apply(older).state();
        assertThat(oneWay).isEqualTo(otherWay);
        assertThat(oneWay.toTask().orElseThrow().title()).isEqualTo("Buy soy milk");
    }

    @Test
    void concurrentEditsOfTheSameFieldKeepTheLoserAsAConflict() {
        Mutation laptop = edit(created, t -> t.withTitle("Buy oat milk"), new Hlc(2_000, 0, "laptop"));
        Mutation desktop = edit(created, t -> t.withTitle("Buy soy milk"), new Hlc(3_000, 0, "desktop"));
        MergeResult result = created.apply(laptop).state().apply(desktop);
        assertThat(result.conflicts()).containsExactly(new Conflict(TASK, TaskField.TITLE,
                "Buy soy milk", new Hlc(3_000, 0, "desktop"), "Buy oat milk", new Hlc(2_000, 0, "laptop")));
    }

    @Test
    void anEditMadeAfterSeeingTheOtherIsNoConflict() {
        TaskState afterLaptop = created.apply(edit(created, t -> t.withTitle("Buy oat milk"), new Hlc(2_000, 0, "laptop"))).state();
        Mutation desktopSawIt = edit(afterLaptop, t -> t.withTitle("Buy soy milk"), new Hlc(3_000, 0, "desktop"));
        assertThat(afterLaptop.apply(desktopSawIt).conflicts()).isEmpty();
    }

    @Test
    void editsOfDifferentFieldsOnTwoDevicesBothSurvive() {
        Mutation laptop = edit(created, t -> t.withTitle("Buy oat milk"), new Hlc(2_000, 0, "laptop"));
        Mutation desktop = edit(created, t -> t.withNotes("2 litres"), new Hlc(3_000, 0, "desktop"));
        Task merged = created.apply(desktop).state().apply(laptop).state().toTask().orElseThrow();
        assertThat(merged.title()).isEqualTo("Buy oat milk");
        assertThat(merged.notes()).isEqualTo("2 litres");
    }

    @Test
    void concurrentTagAddsOnTwoDevicesBothSurvive() {
        Mutation laptop = edit(created, t -> t.withTags(List.of("home")), new Hlc(2_000, 0, "laptop"));
        Mutation desktop = edit(created, t -> t.withTags(List.of("errands")), new Hlc(3_000, 0, "desktop"));
        Task merged = created.apply(laptop).state().apply(desktop).state().toTask().orElseThrow();
        assertThat(merged.tags()).containsExactlyInAnyOrder("home", "errands");
    }

    @Test
    void removingATagLaterWinsOverTheEarlierAdd() {
        TaskState tagged = created.apply(edit(created, t -> t.withTags(List.of("home")), new Hlc(2_000, 0, "laptop"))).state();
        Mutation remove = edit(tagged, t -> t.withTags(List.of()), new Hlc(3_000, 0, "desktop"));
        assertThat(remove.tags()).isEqualTo(Map.of("home", new TagChange("home", false)));
        assertThat(tagged.apply(remove).state().toTask().orElseThrow().tags()).isEmpty();
    }

    @Test
    void applyingTheSameMutationTwiceHasOneEffect() {
        Mutation laptop = edit(created, t -> t.withTitle("Buy oat milk"), new Hlc(2_000, 0, "laptop"));
        TaskState once = created.apply(laptop).state();
        MergeResult twice = once.apply(laptop);
        assertThat(twice.state()).isEqualTo(once);
        assertThat(twice.conflicts()).isEmpty();
    }

    @Test
    void aMutationCarriesOnlyTheFieldsThatChanged() {
        Mutation laptop = edit(created, t -> t.withNotes("2 litres"), new Hlc(2_000, 0, "laptop"));
        assertThat(laptop.fields()).isEqualTo(Map.of(TaskField.NOTES, new FieldChange("2 litres", Hlc.ZERO)));
    }

    @Test
    void anEditThatArrivesBeforeTheCreateHasNoTaskUntilTheCreateArrives() {
        Mutation edit = edit(created, t -> t.withNotes("2 litres"), new Hlc(2_000, 0, "laptop"));
        TaskState onlyEdit = TaskState.empty(TASK).apply(edit).state();
        assertThat(onlyEdit.toTask()).isEmpty();
        assertThat(onlyEdit.merge(created).state().toTask().orElseThrow().notes()).isEqualTo("2 litres");
    }

    @Test
    void validationNamesEveryBadField() {
        Mutation bad = new Mutation(UUID.randomUUID(), TASK, new Hlc(1, 0, "x"),
                Map.of(TaskField.PRIORITY, new FieldChange("urgent", Hlc.ZERO),
                        TaskField.DUE, new FieldChange("2026-13-01", Hlc.ZERO)),
                Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(bad::validate)
                .isInstanceOfSatisfying(dev.tasklane.core.task.ValidationException.class, e ->
                        assertThat(e.errors()).extracting(dev.tasklane.core.task.FieldError::field)
                                .containsExactlyInAnyOrder("priority", "due"));
    }

    @Test
    void aWriteWhoseBaseIsNotExactlyTheLosersClockKeepsTheLoserAsAConflict() {
        // Laptop sets B at t=2000 offline; phone sets C at t=3000, then D at t=4000 over C.
        Mutation laptopB = edit(created, t -> t.withTitle("B"), new Hlc(2_000, 0, "laptop"));
        TaskState phoneC = created.apply(edit(created, t -> t.withTitle("C"), new Hlc(3_000, 0, "phone"))).state();
        Mutation phoneD = edit(phoneC, t -> t.withTitle("D"), new Hlc(4_000, 0, "phone"));
        TaskState server = phoneC.apply(phoneD).state();
        MergeResult laptopSyncs = server.apply(laptopB);
        assertThat(laptopSyncs.state().toTask().orElseThrow().title()).isEqualTo("D");
        assertThat(laptopSyncs.conflicts()).containsExactly(new Conflict(TASK, TaskField.TITLE,
                "D", new Hlc(4_000, 0, "phone"), "B", new Hlc(2_000, 0, "laptop")));
    }

    @Test
    void clearingTheDueOnOneDeviceAndAddingARepeatOnAnotherMergesIntoAValidTaskWithTheRepeatSetAside() {
        TaskState dated = created.apply(edit(created, t -> t.withDue(Optional.of(new Due.AllDay(LocalDate.of(2026, 12, 1)))),
                new Hlc(1_500, 0, "laptop"))).state();
        Mutation laptopClearsDue = edit(dated, t -> t.withDue(Optional.empty()), new Hlc(2_000, 0, "laptop"));
        Mutation phoneRepeats = edit(dated, t -> t.withRecurrence(Optional.of(new Recurrence("FREQ=WEEKLY", false)))
                .withReminder(Optional.of(new Reminder.BeforeDue(java.time.Duration.ofMinutes(15)))), new Hlc(2_500, 0, "phone"));
        TaskState merged = dated.apply(laptopClearsDue).state().apply(phoneRepeats).state();
        Task task = merged.toTask().orElseThrow();
        assertThat(task.due()).isEmpty();
        assertThat(task.recurrence()).isEmpty();
        assertThat(task.reminder()).isEmpty();
        assertThat(merged.setAside()).extracting(TaskState.SetAside::field).containsExactly("recurrence", "reminder");
        // The repeat is set aside, not lost: a due set later brings it back.
        Mutation dueAgain = edit(merged, t -> t.withDue(Optional.of(new Due.AllDay(LocalDate.of(2026, 12, 8)))), new Hlc(3_000, 0, "laptop"));
        assertThat(merged.apply(dueAgain).state().toTask().orElseThrow().recurrence()).contains(new Recurrence("FREQ=WEEKLY", false));
    }

    @Test
    void tagsAddedOnTwoDevicesBeyondTheLimitKeepTheFirstAddedThirty() {
        List<String> laptopTags = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "l" + i).toList();
        List<String> phoneTags = java.util.stream.IntStream.range(0, 20).mapToObj(i -> "p" + i).toList();
        Mutation laptop = edit(created, t -> t.withTags(laptopTags), new Hlc(2_000, 0, "laptop"));
        Mutation phone = edit(created, t -> t.withTags(phoneTags), new Hlc(3_000, 0, "phone"));
        TaskState merged = created.apply(phone).state().apply(laptop).state();
        Task task = merged.toTask().orElseThrow();
        assertThat(task.tags()).hasSize(30).containsAll(laptopTags);
        assertThat(merged.setAside()).hasSize(10).allMatch(s -> s.field().equals("tags") && s.value().startsWith("p"));
    }
}
