package dev.tasklane.desktop.ui;

import dev.tasklane.desktop.service.tasks.SmartList;
import dev.tasklane.desktop.service.tasks.SortOrder;
import dev.tasklane.desktop.viewmodel.MainViewModel;
import dev.tasklane.desktop.viewmodel.SidebarItem;
import dev.tasklane.desktop.viewmodel.TaskEditorViewModel;
import dev.tasklane.desktop.viewmodel.TaskHistoryViewModel;
import dev.tasklane.desktop.viewmodel.TaskRow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * The main window: sidebar | quick-add, search, sort and the task list | detail editor, with a
 * status bar. Only layout, bindings and key handling live here; behaviour is in the view models.
 */
public final class MainView {

    /** Every shortcut, for the help dialog and the README. */
    public static final String SHORTCUTS = """
            Ctrl+N        New task (focus quick add)
            Ctrl+F        Search
            Esc           Clear search / back to the list
            Enter         Add the quick-add line / open the selected task
            Space         Complete or reopen the selected task
            Ctrl+Enter    Complete or reopen the selected task
            Delete        Delete the selected task
            Ctrl+Z        Undo delete / complete / import
            Ctrl+S        Save the task being edited
            Ctrl+1 … 5    All, Today, Upcoming, Overdue, Completed
            Ctrl+T        Light / dark theme
            F1            This list""";

    private final MainViewModel model;
    private final TaskEditorViewModel editorModel;
    /** Built when a task is first selected: its many controls cost start-up time nobody sees. */
    private TaskEditorView editor;
    private final StackPane editorPane = new StackPane();
    private TaskHistoryViewModel pendingHistory;
    private final BorderPane root = new BorderPane();
    private final TextField quickAdd = new TextField();
    private final TextField search = new TextField();
    private final ListView<TaskRow> taskList = new ListView<>();
    private final ListView<SidebarItem> sidebar = new ListView<>();
    private final Label message = new Label();
    private final HBox searchRow = new HBox(8);
    private final javafx.scene.control.Hyperlink signIn = new javafx.scene.control.Hyperlink("Sign in to sync…");
    private final javafx.scene.control.Hyperlink signOut = new javafx.scene.control.Hyperlink("Sign out");
    private final javafx.scene.control.Hyperlink switchServer = new javafx.scene.control.Hyperlink("Switch server…");
    /** Shows the task list, or a sync inbox when one is selected in the sidebar. */
    private final StackPane centerHost = new StackPane();
    private final SplitPane split;
    /** Where the editor's divider was when an inbox took the editor's place. */
    private double editorDivider = 0.58;
    private final Region taskArea;

    public MainView(MainViewModel model, TaskEditorViewModel editorModel) {
        this.model = model;
        this.editorModel = editorModel;
        root.getStyleClass().add("main");
        root.setLeft(buildSidebar());
        editorPane.getStyleClass().add("editor");
        Label noTask = new Label("Select a task to see and edit it here.");
        noTask.setId("editorPlaceholder");
        noTask.getStyleClass().add("editor-placeholder");
        noTask.setWrapText(true);
        noTask.visibleProperty().bind(editorModel.hasTaskProperty().not());
        editorPane.getChildren().add(noTask);
        taskArea = buildCenter();
        centerHost.getChildren().add(taskArea);
        split = new SplitPane(centerHost, editorPane);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.58);
        root.setCenter(split);
        root.setBottom(buildStatusBar());
        reflow(split);

        model.selectedTaskIdProperty().addListener((obs, old, id) -> {
            if (id != null) {
                editor();
            }
            editorModel.show(Optional.ofNullable(id));
            // What was saved of the task left behind (and what could not be) is said where it is seen:
            // the editor's own message line sits below the fold of a small window.
            String left = editorModel.saveMessageProperty().get();
            if (!left.isEmpty()) {
                model.report(left);
            }
            selectRow(id);
        });
        editorModel.inCurrentListProperty().bind(model.selectedTaskInListProperty());
    }

    private TaskEditorView editor() {
        if (editor == null) {
            editor = new TaskEditorView(editorModel);
            if (editor.root() instanceof Region editorRoot) {
                editorRoot.setMinWidth(0); // as the pane holding it (reflow)
            }
            if (pendingHistory != null) {
                editor.addHistory(pendingHistory);
            }
            // Only a task's fields, never an empty greyed-out form: without a task the pane says what it is for.
            editor.root().visibleProperty().bind(editorModel.hasTaskProperty());
            editorPane.getChildren().add(editor.root());
        }
        return editor;
    }

    public Parent root() {
        return root;
    }

    /** Installs keyboard shortcuts on the scene. */
    public void installShortcuts(Scene scene, Runnable toggleTheme, Runnable showHelp) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), quickAdd::requestFocus);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), search::requestFocus);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN), model::undo);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN), toggleTheme);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN), this::toggleSelected);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F1), showHelp);
        SmartList[] lists = SmartList.values();
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5};
        for (int i = 0; i < lists.length; i++) {
            SmartList list = lists[i];
            scene.getAccelerators().put(new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN), () -> model.selectList(list));
        }
    }

    /** Adds the editor's History section; it follows the selected task. */
    public void installHistory(TaskHistoryViewModel history) {
        if (editor != null) {
            editor.addHistory(history);
        } else {
            pendingHistory = history;
        }
        model.selectedTaskIdProperty().addListener((obs, old, id) -> history.show(Optional.ofNullable(id)));
        history.show(Optional.ofNullable(model.selectedTaskIdProperty().get()));
    }

    /** Adds the Import / Export menu at the end of the search row. */
    public void installTransfer(TransferMenu menu) {
        if (menu.node() instanceof Region region) {
            region.setMinWidth(Region.USE_PREF_SIZE);
        }
        searchRow.getChildren().add(menu.node());
    }

    /** Installs Ctrl+S for the editor (separate so the editor can be saved from anywhere). */
    public void installSave(Scene scene, Runnable save) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), save);
    }

    /** Shows the sign-in link; {@code open} runs when it is clicked. */
    public void offerSignIn(Runnable open, javafx.beans.value.ObservableBooleanValue signedIn) {
        signIn.setId("signIn");
        signIn.setOnAction(e -> open.run());
        signIn.visibleProperty().bind(javafx.beans.binding.Bindings.not(signedIn));
        signIn.managedProperty().bind(signIn.visibleProperty());
    }

    /**
     * Offers "Sign out" and "Switch server…" while signed in; {@code signOut} runs on click,
     * {@code switchServer} opens the sign-in form for another server or account.
     */
    public void offerAccountActions(Runnable signOutAction, Runnable switchServerAction, javafx.beans.value.ObservableBooleanValue signedIn) {
        signOut.setId("signOut");
        switchServer.setId("switchServer");
        signOut.setOnAction(e -> signOutAction.run());
        switchServer.setOnAction(e -> switchServerAction.run());
        for (javafx.scene.control.Hyperlink link : List.of(signOut, switchServer)) {
            link.visibleProperty().bind(signedIn);
            link.managedProperty().bind(link.visibleProperty());
        }
    }

    /**
     * Adds the sync inboxes: selecting "Conflicts" or "Not synced" in the sidebar shows them in
     * place of the task list; Edit in "Not synced" goes back to the list with the task open.
     */
    public void installInboxes(dev.tasklane.desktop.viewmodel.ConflictsViewModel conflicts,
                               dev.tasklane.desktop.viewmodel.NotSyncedViewModel notSynced) {
        Region conflictsView = new ConflictsView(conflicts).root();
        Region notSyncedView = new NotSyncedView(notSynced).root();
        centerHost.getChildren().addAll(conflictsView, notSyncedView);
        Runnable show = () -> {
            SidebarItem item = model.selectedSidebarItemProperty().get();
            dev.tasklane.desktop.viewmodel.Inbox inbox = item instanceof SidebarItem.InboxItem i ? i.inbox() : null;
            taskArea.setVisible(inbox == null);
            if (inbox != null) {
                // An inbox is a page of its own: the task shown so far is saved and closed, not left beside it,
                // and no row stays highlighted (clicking it again later opens it).
                taskList.getSelectionModel().clearSelection();
                model.selectedTaskIdProperty().set(null);
            }
            showEditorPane(inbox == null);
            conflictsView.setVisible(inbox == dev.tasklane.desktop.viewmodel.Inbox.CONFLICTS);
            notSyncedView.setVisible(inbox == dev.tasklane.desktop.viewmodel.Inbox.NOT_SYNCED);
            if (inbox == dev.tasklane.desktop.viewmodel.Inbox.CONFLICTS) {
                conflicts.reload();
            } else if (inbox == dev.tasklane.desktop.viewmodel.Inbox.NOT_SYNCED) {
                notSynced.reload();
            }
        };
        model.selectedSidebarItemProperty().addListener((obs, old, item) -> show.run());
        show.run();
        notSynced.onEdit(id -> {
            model.selectList(SmartList.ALL);
            model.selectedTaskIdProperty().set(id);
            editor().focusTitle();
        });
    }

    private void showEditorPane(boolean show) {
        boolean shown = split.getItems().contains(editorPane);
        if (show && !shown) {
            split.getItems().add(editorPane);
            split.setDividerPositions(editorDivider);
        } else if (!show && shown) {
            editorDivider = split.getDividerPositions()[0];
            split.getItems().remove(editorPane);
        }
    }

    /** Opens the sign-in dialog for {@code model}. */
    public void showSignIn(dev.tasklane.desktop.viewmodel.SignInViewModel model) {
        SignInDialog.show(root.getScene().getWindow(), model);
    }

    public void focusQuickAdd() {
        quickAdd.requestFocus();
    }

    private Region buildSidebar() {
        sidebar.setId("sidebar");
        sidebar.getStyleClass().add("sidebar");
        sidebar.setItems(model.sidebar());
        sidebar.setCellFactory(list -> new SidebarCell());
        sidebar.setPrefWidth(200);
        sidebar.getSelectionModel().selectedItemProperty().addListener((obs, old, item) -> {
            if (item != null && !(item instanceof SidebarItem.Heading) && !sameEntry(item, model.selectedSidebarItemProperty().get())) {
                model.selectSidebarItem(item);
            }
        });
        model.sidebar().addListener((javafx.collections.ListChangeListener<SidebarItem>) change -> reselectSidebar());
        return sidebar;
    }

    private void reselectSidebar() {
        SidebarItem current = model.selectedSidebarItemProperty().get();
        for (SidebarItem item : sidebar.getItems()) {
            if (sameEntry(item, current)) {
                sidebar.getSelectionModel().select(item);
                return;
            }
        }
    }

    private static boolean sameEntry(SidebarItem a, SidebarItem b) {
        return switch (a) {
            case SidebarItem.ListItem x when b instanceof SidebarItem.ListItem y -> x.list() == y.list();
            case SidebarItem.TagItem x when b instanceof SidebarItem.TagItem y -> x.key().equals(y.key());
            case SidebarItem.PriorityItem x when b instanceof SidebarItem.PriorityItem y -> x.priority() == y.priority();
            case SidebarItem.InboxItem x when b instanceof SidebarItem.InboxItem y -> x.inbox() == y.inbox();
            default -> false;
        };
    }

    private Region buildCenter() {
        quickAdd.setId("quickAdd");
        quickAdd.setPromptText("Add a task, e.g. “Pay rent tomorrow 9am !high #home”   (Ctrl+N)");
        quickAdd.textProperty().bindBidirectional(model.quickAddTextProperty());
        quickAdd.setOnAction(e -> model.submitQuickAdd());
        Label quickAddError = new Label();
        quickAddError.setId("quickAddError");
        quickAddError.getStyleClass().add("field-error");
        quickAddError.textProperty().bind(model.quickAddErrorProperty());
        quickAddError.visibleProperty().bind(model.quickAddErrorProperty().isNotEmpty());
        // How the line will be read, before Enter; the error replaces it when there is one.
        Label quickAddPreview = new Label();
        quickAddPreview.setId("quickAddPreview");
        quickAddPreview.getStyleClass().add("quick-add-preview");
        quickAddPreview.textProperty().bind(model.quickAddPreviewProperty());
        quickAddPreview.visibleProperty().bind(model.quickAddPreviewProperty().isNotEmpty().and(model.quickAddErrorProperty().isEmpty()));
        // One line, so a preview longer than the window ends in "…": the whole of it on hover.
        javafx.scene.control.Tooltip previewInFull = new javafx.scene.control.Tooltip();
        previewInFull.textProperty().bind(model.quickAddPreviewProperty());
        quickAddPreview.setTooltip(previewInFull);
        // One line kept for both, shown or not, so the search row and the list never jump while typing.
        StackPane quickAddFeedback = new StackPane(quickAddPreview, quickAddError);
        quickAddFeedback.setId("quickAddFeedback");
        quickAddFeedback.setAlignment(Pos.TOP_LEFT);

        search.setId("search");
        search.setPromptText("Search title, notes, tags   (Ctrl+F)");
        search.textProperty().bindBidirectional(model.searchTextProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
                taskList.requestFocus();
            } else if (e.getCode() == KeyCode.DOWN) {
                taskList.requestFocus();
                taskList.getSelectionModel().selectFirst();
            }
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        ComboBox<SortOrder> sort = new ComboBox<>();
        sort.setId("sortOrder");
        sort.setMinWidth(Region.USE_PREF_SIZE); // the search field gives way first at 800 px
        sort.getItems().setAll(SortOrder.values());
        sort.valueProperty().bindBidirectional(model.sortOrderProperty());
        sort.setConverter(new StringConverter<>() {
            @Override
            public String toString(SortOrder order) {
                return order == null ? "" : "Sort: " + order.label();
            }

            @Override
            public SortOrder fromString(String text) {
                return SortOrder.DUE;
            }
        });

        taskList.setId("taskList");
        taskList.getStyleClass().add("task-list");
        taskList.setItems(model.rows());
        taskList.setCellFactory(list -> new TaskCell(model::toggleComplete));
        taskList.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null && !row.id().equals(model.selectedTaskIdProperty().get())) {
                model.selectedTaskIdProperty().set(row.id());
            }
        });
        // A filter, not a handler: the list's own key behaviour must not swallow these keys first.
        taskList.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case SPACE -> toggleSelected();
                case DELETE, BACK_SPACE -> selected().ifPresent(model::delete);
                case ENTER -> editor().focusTitle();
                default -> {
                    return;
                }
            }
            e.consume();
        });
        model.rows().addListener((javafx.collections.ListChangeListener<TaskRow>) change -> selectRow(model.selectedTaskIdProperty().get()));

        Label empty = new Label();
        empty.setId("emptyState");
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        empty.textProperty().bind(model.emptyTextProperty());
        ProgressIndicator progress = new ProgressIndicator();
        progress.setMaxSize(48, 48);
        // Only until the first rows show: the list is usable while the rest loads (and a hidden
        // indicator stops animating, which leaves the CPU to the loading).
        progress.visibleProperty().bind(model.loadingProperty().and(javafx.beans.binding.Bindings.isEmpty(model.rows())));
        empty.visibleProperty().bind(model.loadingProperty().not().and(model.emptyTextProperty().isNotEmpty()));
        StackPane listArea = new StackPane(taskList, empty, progress);
        empty.setMouseTransparent(true);
        VBox.setVgrow(listArea, Priority.ALWAYS);

        searchRow.getChildren().setAll(search, sort);
        VBox center = new VBox(8, quickAdd, quickAddFeedback, searchRow, listArea);
        center.setPadding(new Insets(10));
        return center;
    }

    private Region buildStatusBar() {
        for (javafx.scene.control.Hyperlink link : List.of(signIn, signOut, switchServer)) {
            link.setVisible(false);
            link.setManaged(false);
        }
        Label status = new Label();
        status.setId("statusBar");
        status.textProperty().bind(model.statusTextProperty());
        message.setId("message");
        message.getStyleClass().add("status-message");
        PauseTransition fade = new PauseTransition(Duration.seconds(6));
        fade.setOnFinished(e -> message.setText(""));
        model.messageProperty().addListener((obs, old, text) -> {
            message.setText(text);
            fade.playFromStart();
        });
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.SOMETIMES);
        message.setMinWidth(0);
        HBox bar = new HBox(12, status, signIn, signOut, switchServer, spacer, message);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 10, 4, 10));
        return bar;
    }

    /**
     * Keeps the window usable down to 800 px: below 1000 px the sidebar narrows and the editor
     * gets a smaller share; the panes never ask for more than the window has.
     */
    private void reflow(SplitPane split) {
        centerHost.setMinWidth(0);
        editorPane.setMinWidth(0);
        root.widthProperty().addListener((obs, old, width) -> {
            boolean narrow = width.doubleValue() < 1000;
            sidebar.setPrefWidth(narrow ? 150 : 200);
            if (narrow != (old.doubleValue() < 1000) || old.doubleValue() == 0) {
                split.setDividerPositions(narrow ? 0.62 : 0.58);
            }
        });
    }

    private void toggleSelected() {
        selected().ifPresent(model::toggleComplete);
    }

    private Optional<UUID> selected() {
        return Optional.ofNullable(taskList.getSelectionModel().getSelectedItem()).map(TaskRow::id);
    }

    private void selectRow(UUID id) {
        if (id == null) {
            return;
        }
        TaskRow current = taskList.getSelectionModel().getSelectedItem();
        if (current != null && Objects.equals(current.id(), id) && taskList.getSelectionModel().getSelectedIndex() >= 0
                && model.rowIndexOf(id) == taskList.getSelectionModel().getSelectedIndex()) {
            return;
        }
        // By id in the model's tasks: rows are formatted on demand, so scanning rows would format all of them.
        int index = model.rowIndexOf(id);
        if (index >= 0) {
            taskList.getSelectionModel().select(index);
            taskList.scrollTo(index);
        }
    }
}
