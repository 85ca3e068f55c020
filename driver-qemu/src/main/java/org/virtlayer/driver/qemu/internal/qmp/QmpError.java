package org.virtlayer.driver.qemu.internal.qmp;

/**
 * A QMP command failed: QEMU's error class ({@code GenericError}, {@code DeviceNotFound}, ...) and description, or
 * {@link #CLOSED} / {@link #TIMEOUT} when no answer came.
 */
public final class QmpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The monitor connection closed (QEMU exited or the socket failed). */
    public static final String CLOSED = "MonitorClosed";
    /** No answer within the caller's time. */
    public static final String TIMEOUT = "Timeout";

    private final String errorClass;

    public QmpError(String errorClass, String description) {
        super(description);
        this.errorClass = errorClass;
    }

    public String errorClass() {
        return errorClass;
    }

    @Override
    public String toString() {
        return errorClass + ": " + getMessage();
    }
}
