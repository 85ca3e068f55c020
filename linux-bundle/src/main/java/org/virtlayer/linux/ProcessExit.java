package org.virtlayer.linux;

import java.util.OptionalInt;

/**
 * How a watched process ended. {@code waitStatus} is known only for this JVM's own children (reaped by the
 * watcher); a process started by an earlier JVM is reaped by its new parent and its status is unknown here.
 */
public record ProcessExit(int pid, OptionalInt waitStatus) {
    /** The exit code if it exited normally. */
    public OptionalInt exitCode() {
        return waitStatus.isPresent() && (waitStatus.getAsInt() & 0x7f) == 0
                ? OptionalInt.of((waitStatus.getAsInt() >> 8) & 0xff) : OptionalInt.empty();
    }

    /** The signal that killed it, if one did. */
    public OptionalInt signal() {
        return waitStatus.isPresent() && (waitStatus.getAsInt() & 0x7f) != 0
                ? OptionalInt.of(waitStatus.getAsInt() & 0x7f) : OptionalInt.empty();
    }

    @Override
    public String toString() {
        if (exitCode().isPresent()) {
            return "process " + pid + " exited with code " + exitCode().getAsInt();
        }
        if (signal().isPresent()) {
            return "process " + pid + " killed by signal " + signal().getAsInt();
        }
        return "process " + pid + " exited";
    }
}
