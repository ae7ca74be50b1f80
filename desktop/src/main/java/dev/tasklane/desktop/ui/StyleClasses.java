package dev.tasklane.desktop.ui;

import java.util.List;
import java.util.Set;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/**
 * Sets a cell's state style classes without touching the list when nothing changes. Every change
 * to a node's style classes makes JavaFX re-apply CSS to the node and all its children: cells that
 * removed and re-added the same classes on each update did that for every visible row and sidebar
 * entry on each list refresh — most of the UI thread's time during a download (flight recording).
 */
final class StyleClasses {

    private StyleClasses() {
    }

    /** Leaves exactly the classes of {@code managed} that are in {@code wanted} on {@code node}; others untouched. */
    static void set(Node node, List<String> managed, Set<String> wanted) {
        ObservableList<String> classes = node.getStyleClass();
        for (String name : managed) {
            boolean has = classes.contains(name);
            if (wanted.contains(name) && !has) {
                classes.add(name);
            } else if (!wanted.contains(name) && has) {
                classes.removeAll(name);
            }
        }
    }
}
