package dev.tasklane.desktop.ui;

import dev.tasklane.desktop.viewmodel.SidebarItem;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.BorderPane;

/** A sidebar entry with its count; headings are not selectable. */
final class SidebarCell extends ListCell<SidebarItem> {

    private final Label label = new Label();
    private final Label count = new Label();
    private final BorderPane pane = new BorderPane();

    SidebarCell() {
        count.getStyleClass().add("sidebar-count");
        pane.setLeft(label);
        pane.setRight(count);
    }

    @Override
    protected void updateItem(SidebarItem item, boolean empty) {
        super.updateItem(item, empty);
        getStyleClass().remove("sidebar-heading");
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
        setGraphic(pane);
    }
}
