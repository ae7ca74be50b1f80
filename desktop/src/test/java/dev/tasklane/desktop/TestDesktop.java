package dev.tasklane.desktop;

import dev.tasklane.desktop.store.LocalDatabase;
import dev.tasklane.desktop.store.StoreOpenException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;

/** A real desktop graph over a real H2 store in a temporary folder. */
public final class TestDesktop implements AutoCloseable {

    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Thursday 26 November 2026, 10:00 in Berlin. */
    public static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

    public final MutableClock clock = new MutableClock(START);
    public final LocalDatabase database;
    public final DesktopContext context;

    public TestDesktop(Path directory) {
        this(directory, Runnable::run);
    }

    public TestDesktop(Path directory, java.util.concurrent.Executor uiExecutor) {
        try {
            database = LocalDatabase.open(directory);
        } catch (StoreOpenException e) {
            throw new IllegalStateException(e);
        }
        context = DesktopContext.create(database, clock, ZONE, uiExecutor);
        context.tasks().load();
    }

    @Override
    public void close() {
        database.close();
    }
}
