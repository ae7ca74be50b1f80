package dev.tasklane.desktop.store;

import dev.tasklane.desktop.DesktopContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Child process for {@link KillNineTest}: adds tasks forever, printing each id only after its
 * commit returned, until it is killed.
 */
public final class CommitThenKill {

    private CommitThenKill() {
    }

    public static void main(String[] args) throws Exception {
        LocalDatabase database = LocalDatabase.open(Path.of(args[0]));
        DesktopContext context = DesktopContext.create(database, Clock.systemUTC(), ZoneOffset.UTC, Runnable::run);
        for (int i = 0; ; i++) {
            System.out.println(context.tasks().quickAdd("task " + i + " tomorrow #kill").id());
            System.out.flush();
        }
    }
}
