/**
 * Tasklane core: the model, rules and algebra that the desktop and the sync server share.
 *
 * <p>Nothing in this module performs I/O. Sub-packages: {@code id} (UUIDv7 and deterministic
 * UUIDv5 ids), {@code clock} (hybrid logical clock), {@code task} (the task model and its
 * validation), {@code recurrence} (RFC 5545 rules), {@code merge} (mutations and the
 * field-level last-writer-wins merge) and {@code quickadd} (the natural-language grammar).
 */
@NullMarked
package dev.tasklane.core;

import org.jspecify.annotations.NullMarked;
