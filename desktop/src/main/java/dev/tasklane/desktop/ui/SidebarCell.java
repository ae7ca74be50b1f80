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

    /** The classes for the kind of entry, and the inbox badge; set only when they change (see {@link StyleClasses}). */
    private static final java.util.List<String> KINDS = java.util.List.of("sidebar-heading", "sidebar-inbox");
    private static final java.util.List<String> BADGE = java.util.List.of("badge");
    private static final java.util.Set<String> BADGE_SET = java.util.Set.of("badge");

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
        if (empty || item == null) {
            StyleClasses.set(this, KINDS, java.util.Set.of());
            StyleClasses.set(count, BADGE, java.util.Set.of());
            setGraphic(null);
            setDisable(false);
            return;
        }
        boolean heading = item instanceof SidebarItem.Heading;
        setDisable(heading);
        label.setText(item instanceof SidebarItem.TagItem ? "#" + item.label() : item.label());
        count.setText(heading ? "" : Integer.toString(item.count()));
        if (item instanceof SidebarItem.InboxItem inbox) {
            StyleClasses.set(this, KINDS, java.util.Set.of("sidebar-inbox"));
            count.setId("badge-" + inbox.inbox().name().toLowerCase(java.util.Locale.ROOT));
            count.setText(inbox.count() == 0 ? "" : Integer.toString(inbox.count()));
            StyleClasses.set(count, BADGE, inbox.count() > 0 ? BADGE_SET : java.util.Set.of());
        } else {
            StyleClasses.set(this, KINDS, heading ? java.util.Set.of("sidebar-heading") : java.util.Set.of());
            StyleClasses.set(count, BADGE, java.util.Set.of());
            count.setId(null);
        }
        setGraphic(pane);
    }
}
