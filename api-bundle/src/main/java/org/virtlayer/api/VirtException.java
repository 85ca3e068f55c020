package org.virtlayer.api;

import java.util.Objects;

/**
 * The one exception every virtlayer call throws: a typed {@link ErrorCode} and a message that names the object,
 * field or value concerned. It is unchecked so that calls compose in lambdas and streams; every method of the API
 * documents that it may throw it.
 */
public class VirtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public VirtException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public VirtException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** One line for a console: the message, never a stack trace. */
    @Override
    public String toString() {
        return getMessage() == null ? code.summary() : getMessage();
    }

    public static VirtException of(ErrorCode code, String format, Object... args) {
        return new VirtException(code, args.length == 0 ? format : String.format(format, args));
    }

    public static VirtException noDomain(String what) {
        return new VirtException(ErrorCode.NO_DOMAIN, "Domain not found: " + what);
    }

    public static VirtException noNetwork(String what) {
        return new VirtException(ErrorCode.NO_NETWORK, "Network not found: " + what);
    }

    public static VirtException noStoragePool(String what) {
        return new VirtException(ErrorCode.NO_STORAGE_POOL, "Storage pool not found: " + what);
    }

    public static VirtException noStorageVol(String what) {
        return new VirtException(ErrorCode.NO_STORAGE_VOL, "Storage volume not found: " + what);
    }

    public static VirtException invalidOperation(String what) {
        return new VirtException(ErrorCode.OPERATION_INVALID, "Requested operation is not valid: " + what);
    }

    public static VirtException invalidArg(String what) {
        return new VirtException(ErrorCode.INVALID_ARG, "invalid argument: " + what);
    }

    public static VirtException xml(String what) {
        return new VirtException(ErrorCode.XML_ERROR, "XML error: " + what);
    }

    public static VirtException noSupport(String function) {
        return new VirtException(ErrorCode.NO_SUPPORT,
                "this function is not supported by the connection driver: " + function);
    }
}
