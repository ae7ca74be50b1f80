package dev.tasklane.desktop.sync;

import dev.tasklane.desktop.service.tasks.TaskService;
import dev.tasklane.desktop.store.PreferenceStore;
import dev.tasklane.desktop.sync.client.SyncClient;
import dev.tasklane.desktop.sync.tokens.LocalTokenStore;
import dev.tasklane.desktop.sync.tokens.RefreshTokenStore;
import java.io.IOException;
import java.net.URI;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The device's connection to a sync account: sign in (optionally creating the account), keep the
 * session across restarts (the server address and refresh token are stored locally), and run the
 * sync engine while connected. The refresh token lives in a {@link RefreshTokenStore}: the OS
 * keychain in the app ({@link dev.tasklane.desktop.sync.tokens.KeychainTokenStore}), the local store where there is none.
 */
public final class SyncAccount implements AutoCloseable, TaskHistory.Source {

    private static final String SERVER = "sync.server";
    private static final String EMAIL = "sync.email";

    private final TaskService tasks;
    private final PreferenceStore preferences;
    private final RefreshTokenStore tokens;
    private final SyncStatusService status;
    private final InstantSource time;
    private final ScheduledExecutorService executor;
    private final String deviceName;
    private volatile Optional<SyncEngine> engine = Optional.empty();
    private volatile Optional<ServerEvents> events = Optional.empty();
    private volatile Optional<SyncClient> client = Optional.empty();
    private volatile ServerEvents.ReminderSink reminders = reminder -> { };
    /** Orders token writes of a finishing sync run against a sign-out. */
    private final Object sessionLock = new Object();

    /** An account whose refresh token is kept in the local store (tests; see {@link dev.tasklane.desktop.sync.tokens.KeychainTokenStore} for the app). */
    public SyncAccount(TaskService tasks, PreferenceStore preferences, SyncStatusService status, InstantSource time,
                       ScheduledExecutorService executor, String deviceName) {
        this(tasks, preferences, new LocalTokenStore(preferences, Optional.empty()), status, time, executor, deviceName);
    }

    public SyncAccount(TaskService tasks, PreferenceStore preferences, RefreshTokenStore tokens, SyncStatusService status,
                       InstantSource time, ScheduledExecutorService executor, String deviceName) {
        this.tasks = tasks;
        this.preferences = preferences;
        this.tokens = tokens;
        this.status = status;
        this.time = time;
        this.executor = executor;
        this.deviceName = deviceName;
    }

    /** Where reminders delivered by the server go (the reminder service, set by the app). */
    public void onServerReminder(ServerEvents.ReminderSink sink) {
        this.reminders = sink;
    }

    /**
     * Why the sign-in is not in an OS keychain, in words for the user; empty when it is. May open
     * the keychain: call off the UI thread.
     */
    public Optional<String> tokenStorageWarning() {
        return tokens.warning();
    }

    /** The signed-in email, if connected. */
    public Optional<String> email() {
        return engine.isPresent() ? preferences.get(EMAIL) : Optional.empty();
    }

    /**
     * Signs in and starts syncing; call off the UI thread.
     *
     * @throws SignInException with the server's explanation (wrong password, …) or why it is unreachable
     */
    public void signIn(URI server, String email, String password, boolean createAccount) throws SignInException {
        SyncClient client;
        try {
            if (createAccount) {
                SyncClient.register(server, email, password);
            }
            client = SyncClient.login(server, email, password, deviceName);
        } catch (SyncClient.RefusedException e) {
            throw refusal(server, e);
        } catch (IOException e) {
            // The cause goes to the log; the user reads what to do.
            java.util.logging.Logger.getLogger(SyncAccount.class.getName()).log(java.util.logging.Level.INFO, "sign-in: " + server, e);
            throw new SignInException("Cannot reach " + server + ". Check the address and your connection.", false, e);
        }
        preferences.put(SERVER, server.toString());
        preferences.put(EMAIL, email);
        // A different account or server starts from a full pull.
        preferences.put(SyncEngine.CURSOR, "0");
        preferences.put(SyncEngine.EPOCH, "");
        preferences.put(SyncEngine.CONFLICTS_SINCE, "");
        preferences.put(ServerEvents.LAST_EVENT_ID, "");
        start(client);
    }

    /** What the server refused, in words; a wrong password is flagged so the form clears only that. */
    private static SignInException refusal(URI server, SyncClient.RefusedException e) {
        return switch (e.status()) {
            case 401 -> new SignInException(e.getMessage().isBlank() ? "Wrong email or password." : e.getMessage(), true, e);
            case 409 -> new SignInException("An account with this email already exists. Untick “Create this account” to sign in.", false, e);
            case 429 -> new SignInException("Too many attempts. Wait a minute and try again.", false, e);
            case 400 -> new SignInException(e.getMessage().isBlank() ? "The server did not accept these details." : e.getMessage(), false, e);
            default -> e.status() >= 500
                    ? new SignInException(server + " has a problem right now. Try again in a few minutes.", false, e)
                    : new SignInException(server + " does not look like a Tasklane server (it answered " + e.status() + ").", false, e);
        };
    }

    /** The server this device last signed in to, for the sign-in form. */
    public Optional<String> lastServer() {
        return preferences.get(SERVER).filter(s -> !s.isBlank());
    }

    /** The email this device last signed in with, for the sign-in form. */
    public Optional<String> lastEmail() {
        return preferences.get(EMAIL).filter(s -> !s.isBlank());
    }

    /**
     * Signs this device out: ends the session on the server when it can be reached (its event
     * streams end), stops syncing, and forgets the token. Unsynced changes stay in the outbox and
     * are pushed after the next sign-in. Call off the UI thread.
     */
    public void signOut() {
        Optional<SyncClient> connected;
        synchronized (sessionLock) {
            connected = client;
            client = Optional.empty();
            tokens.clear();
        }
        close();
        engine = Optional.empty();
        events = Optional.empty();
        status.accountChanged(Optional.empty());
        connected.ifPresent(c -> {
            try {
                c.logout();
            } catch (IOException | SyncClient.RefusedException e) {
                java.util.logging.Logger.getLogger(SyncAccount.class.getName())
                        .info("signed out here; the server could not be told (" + e.getMessage() + "), the session expires by itself");
            }
        });
    }

    /**
     * Gives up a change the server refused and goes back to the server's value (see
     * {@link RefusedChanges#discard}); call off the UI thread.
     */
    public RefusedChanges.Discard discardRefused(java.util.UUID mutationId) {
        return new RefusedChanges(tasks, () -> client).discard(mutationId);
    }

    /** Reconnects with the stored session, if there is one. */
    public boolean resume() {
        Optional<String> server = preferences.get(SERVER);
        if (server.isEmpty()) {
            return false;
        }
        Optional<String> refresh = tokens.read();
        if (refresh.isEmpty() || refresh.get().isEmpty()) {
            return false;
        }
        start(new SyncClient(URI.create(server.get()), new SyncClient.Session("", refresh.get())));
        return true;
    }

    private void start(SyncClient client) {
        tokens.save(client.session().refreshToken());
        SyncEngine started = new SyncEngine(tasks, preferences, client, deviceName, time, executor, state -> {
            synchronized (sessionLock) {
                // A run that ends after a sign-out or a switch must not bring its token or state back.
                if (this.client.filter(current -> current == client).isEmpty()) {
                    return;
                }
                // Refresh tokens rotate: keep the newest so the next start can resume.
                tokens.save(client.session().refreshToken());
            }
            status.update(state);
        });
        engine.ifPresent(SyncEngine::close);
        events.ifPresent(ServerEvents::close);
        engine = Optional.of(started);
        this.client = Optional.of(client);
        started.onSignedOut(() -> {
            // The session is over: forget its token (a restart must not retry it), stop the
            // stream, keep the outbox; the status bar offers sign-in, which pushes it all.
            tokens.clear();
            events.ifPresent(ServerEvents::close);
            this.client = Optional.empty(); // history then says it needs the server
        });
        status.accountChanged(preferences.get(EMAIL));
        started.start();
        ServerEvents stream = new ServerEvents(client, started, reminder -> reminders.remind(reminder), preferences, executor);
        events = Optional.of(stream);
        stream.start();
    }

    /** The task's history from the server (its audit log); {@link TaskHistory.Result.Offline} when not connected. */
    @Override
    public TaskHistory.Result load(java.util.UUID taskId) {
        Optional<SyncClient> connected = client;
        if (connected.isEmpty()) {
            return new TaskHistory.Result.NotSignedIn();
        }
        try {
            return new TaskHistory.Result.Loaded(entries(connected.get().history(taskId)));
        } catch (SyncClient.RefusedException e) {
            return switch (e.status()) {
                // Not on the server yet (created offline, not pushed): no history to show yet.
                case 404 -> new TaskHistory.Result.Loaded(java.util.List.of());
                case 401 -> new TaskHistory.Result.Unavailable("Your sign-in has ended. Sign in again to see the history.");
                default -> new TaskHistory.Result.Unavailable("The server cannot show the history right now. Try again shortly.");
            };
        } catch (IOException e) {
            return new TaskHistory.Result.Offline();
        }
    }

    private static java.util.List<TaskHistory.Entry> entries(com.fasterxml.jackson.databind.JsonNode page) {
        java.util.List<TaskHistory.Entry> entries = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode item : page.path("items")) {
            java.util.List<TaskHistory.Change> changes = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode change : item.path("changes")) {
                changes.add(new TaskHistory.Change(change.path("field").asText(), text(change.path("from")), text(change.path("to"))));
            }
            entries.add(new TaskHistory.Entry(item.path("type").asText(), java.time.Instant.parse(item.path("time").asText()),
                    item.path("device").isTextual() ? Optional.of(item.path("device").asText()) : Optional.empty(), changes));
        }
        return entries;
    }

    private static String text(com.fasterxml.jackson.databind.JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isArray()) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            value.forEach(part -> parts.add(part.asText()));
            return String.join(", ", parts);
        }
        return value.asText();
    }

    @Override
    public void close() {
        events.ifPresent(ServerEvents::close);
        engine.ifPresent(SyncEngine::close);
    }
}
