package dev.tasklane.desktop.ui;

import dev.tasklane.desktop.viewmodel.SidebarItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.BorderPane;

/**
 * A sidebar entry with its count; headings are not selectable. A sync inbox with entries waiting
 * shows its count as a badge (accent pill), so it is noticed without opening it.
 */
final class SidebarCell extends ListCell<SidebarItem> {

    private final Label label = new Label();
    private final Label count = new Label();
    private final BorderPane pane = new BorderPane();

    SidebarCell() {
        count.getStyleClass().add("sidebar-count");
        label.setMinWidth(0);
        pane.setLeft(label);
        pane.setRight(count);
        // The list is as wide as the sidebar: never a horizontal scrollbar for a long tag.
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(SidebarItem item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().removeAll("sidebar-heading", "sidebar-inbox");
        count.getStyleClass().remove("badge");
        if (empty || item == null) {
            setGraphic(null);
            setDisable(false);
            return;
        }
        boolean heading = item instanceof SidebarItem.Heading;
        setDisable(heading);
        if (heading) {
            getStyleClass().add("sidebar-heading");
        }
        label.setText(item instanceof SidebarItem.TagItem ? "#" + item.label() : item.label());
        count.setText(heading ? "" : Integer.toString(item.count()));
        if (item instanceof SidebarItem.InboxItem inbox) {
            getStyleClass().add("sidebar-inbox");
            count.setId("badge-" + inbox.inbox().name().toLowerCase(java.util.Locale.ROOT));
            count.setText(inbox.count() == 0 ? "" : Integer.toString(inbox.count()));
            if (inbox.count() > 0) {
                count.getStyleClass().add("badge");
            }
        } else {
            count.setId(null);
        }
        setGraphic(pane);
    }
}
