package dev.tasklane.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.collections.ListChangeListener;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;

/** A cell's state classes change only when its state does: each change re-applies CSS to the cell. */
class StyleClassesTest {

    private static final List<String> STATES = List.of("overdue", "completed", "priority-high");

    @Test
    void setsTheWantedStatesAndLeavesOtherClassesAlone() {
        Pane cell = new Pane();
        cell.getStyleClass().addAll("list-cell", "completed");

        StyleClasses.set(cell, STATES, Set.of("overdue", "priority-high"));

        assertThat(cell.getStyleClass()).containsExactlyInAnyOrder("list-cell", "overdue", "priority-high");
    }

    @Test
    void theSameStateAgainChangesNothing() {
        Pane cell = new Pane();
        cell.getStyleClass().add("list-cell");
        StyleClasses.set(cell, STATES, Set.of("overdue"));
        AtomicInteger changes = new AtomicInteger();
        cell.getStyleClass().addListener((ListChangeListener<String>) change -> changes.incrementAndGet());

        StyleClasses.set(cell, STATES, Set.of("overdue"));

        assertThat(changes).hasValue(0);
        StyleClasses.set(cell, STATES, Set.of());
        assertThat(changes).hasValue(1);
        assertThat(cell.getStyleClass()).containsExactly("list-cell");
    }
}
