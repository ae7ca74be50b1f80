package dev.tasklane.core.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasklane.core.clock.Hlc;
import dev.tasklane.core.task.Due;
import dev.tasklane.core.task.Recurrence;
import dev.tasklane.core.task.Reminder;
import dev.tasklane.core.task.Task;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The merge is a join: commutative, associative, idempotent; so order of delivery never matters. */
class MergePropertiesTest {

    private static final UUID TASK = UUID.fromString("0190f0a0-0000-7000-8000-0000000000aa");

    @Property
    void mergeIsCommutative(@ForAll("states") TaskState a, @ForAll("states") TaskState b) {
        assertThat(a.merge(b).state()).isEqualTo(b.merge(a).state());
    }

    @Property
    void mergeIsAssociative(@ForAll("states") TaskState a, @ForAll("states") TaskState b, @ForAll("states") TaskState c) {
        assertThat(a.merge(b).state().merge(c).state()).isEqualTo(a.merge(b.merge(c).state()).state());
    }

    @Property
    void mergeIsIdempotent(@ForAll("states") TaskState a) {
        assertThat(a.merge(a).state()).isEqualTo(a);
        assertThat(a.merge(a).conflicts()).isEmpty();
    }

    @Property
    void applyingMutationsInAnyOrderWithRepeatsConverges(@ForAll("mutationLists") List<Mutation> mutations, @ForAll long seed) {
        List<Mutation> shuffled = new ArrayList<>(mutations);
        shuffled.addAll(mutations.subList(0, mutations.size() / 2));
        Collections.shuffle(shuffled, new Random(seed));
        assertThat(applyAll(shuffled)).isEqualTo(applyAll(mutations));
    }

    private static TaskState applyAll(List<Mutation> mutations) {
        TaskState state = TaskState.empty(TASK);
        for (Mutation mutation : mutations) {
            state = state.apply(mutation).state();
        }
        return state;
    }

    @Property
    void theMutationsRebuildingAStateGiveItBackInAnyOrderAndChangeNothingWhereItIs(@ForAll("states") TaskState state, @ForAll long seed) {
        List<Mutation> rebuilding = new ArrayList<>(Mutations.rebuilding(state));
        Collections.shuffle(rebuilding, new Random(seed));
        assertThat(applyAll(rebuilding)).isEqualTo(state);
        TaskState again = state;
        for (Mutation mutation : rebuilding) {
            MergeResult result = again.apply(mutation);
            assertThat(result.conflicts()).isEmpty();
            again = result.state();
        }
        assertThat(again).isEqualTo(state);
    }

    @Provide
    Arbitrary<TaskState> states() {
        return mutationLists().map(MergePropertiesTest::applyAll);
    }

    @Provide
    Arbitrary<List<Mutation>> mutationLists() {
        return mutation().list().ofMaxSize(6);
    }

    private Arbitrary<Mutation> mutation() {
        Arbitrary<Hlc> clocks = Combinators.combine(
                Arbitraries.longs().between(1, 5), Arbitraries.integers().between(0, 2), Arbitraries.of("a", "b", "c"))
                .as(Hlc::new);
        Arbitrary<Map<TaskField, FieldChange>> fields = Arbitraries.maps(
                Arbitraries.of(TaskField.TITLE, TaskField.NOTES, TaskField.PRIORITY),
                Combinators.combine(Arbitraries.of("x", "y", "z"), clocks).as(FieldChange::new)).ofMaxSize(3);
        Arbitrary<Map<String, TagChange>> tags = Arbitraries.maps(
                Arbitraries.of("home", "work"),
                Arbitraries.of(true, false).map(present -> new TagChange("tag", present))).ofMaxSize(2);
        return Combinators.combine(clocks, fields, tags)
                .as((hlc, f, t) -> new Mutation(UUID.nameUUIDFromBytes((hlc + "" + f + t).getBytes()), TASK, hlc, f, t));
    }

    /** Any merge of valid states, in any order, describes a valid task (the repair rules at work). */
    @Property
    void anyMergeOfValidStatesInAnyOrderIsAValidTask(@ForAll("validEdits") List<Task> edits, @ForAll long seed) {
        List<TaskState> states = new ArrayList<>();
        for (int i = 0; i < edits.size(); i++) {
            Hlc hlc = new Hlc(10 + i, 0, "n" + (i % 3));
            states.add(TaskState.of(Mutations.between(TaskState.empty(TASK), edits.get(i), hlc, UUID.randomUUID())));
        }
        List<TaskState> shuffled = new ArrayList<>(states);
        Collections.shuffle(shuffled, new Random(seed));
        TaskState merged = shuffled.stream().reduce(TaskState.empty(TASK), (a, b) -> a.merge(b).state());
        Optional<Task> task = merged.toTask();
        assertThat(task).isPresent();
        assertThat(merged).isEqualTo(states.stream().reduce(TaskState.empty(TASK), (a, b) -> a.merge(b).state()));
    }

    @Provide
    Arbitrary<List<Task>> validEdits() {
        Instant created = Instant.parse("2026-11-26T10:00:00Z");
        Arbitrary<Optional<Due>> dues = Arbitraries.of(Optional.<Due>empty(), Optional.of(new Due.AllDay(LocalDate.of(2026, 12, 1))));
        Arbitrary<List<String>> tags = Arbitraries.strings().withCharRange('a', 'z').ofLength(3).list().ofMaxSize(30).uniqueElements();
        Arbitrary<Task> task = Combinators.combine(dues, tags, Arbitraries.of(true, false), Arbitraries.of(true, false)).as((due, t, repeat, remind) -> {
            Task base = Task.create(TASK, "Water plants", created).withTags(t).withDue(due);
            if (due.isPresent() && repeat) {
                base = base.withRecurrence(Optional.of(new Recurrence("FREQ=WEEKLY", false)));
            }
            if (due.isPresent() && remind) {
                base = base.withReminder(Optional.of(new Reminder.BeforeDue(java.time.Duration.ofMinutes(15))));
            }
            return base;
        });
        return task.list().ofMinSize(1).ofMaxSize(5);
    }
}
