package dev.tasklane.desktop.ui;

import javafx.beans.value.ObservableIntegerValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The frame both sync inboxes share: a heading, what the inbox is for, the last action's message,
 * and the list of cards with its empty state on top of it.
 */
final class InboxPage {

    private InboxPage() {
    }

    /** What one inbox says and shows; the ids are for the UI tests. */
    record Texts(String id, String heading, String explanation, String messageId, String listId, String empty) {
    }

    static VBox build(Texts texts, ObservableStringValue message, ListView<?> list, ObservableIntegerValue count) {
        VBox root = new VBox(8);
        root.setId(texts.id());
        root.getStyleClass().add("inbox");
        root.setPadding(new Insets(10));
        Label heading = new Label(texts.heading());
        heading.getStyleClass().add("inbox-heading");
        Label explain = new Label(texts.explanation());
        explain.setWrapText(true);
        explain.getStyleClass().add("inbox-explain");
        Label status = new Label();
        status.setId(texts.messageId());
        status.getStyleClass().add("status-message");
        status.setWrapText(true);
        status.textProperty().bind(message);

        list.setId(texts.listId());
        list.getStyleClass().add("inbox-list");
        Label empty = new Label(texts.empty());
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        empty.setMouseTransparent(true);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.equal(count, 0));
        StackPane area = new StackPane(list, empty);
        VBox.setVgrow(area, Priority.ALWAYS);
        root.getChildren().addAll(heading, explain, status, area);
        return root;
    }
}
