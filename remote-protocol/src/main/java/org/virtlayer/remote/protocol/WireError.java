package org.virtlayer.remote.protocol;

import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/**
 * A failure on the wire: {@code {"error": {"code": "NO_DOMAIN", "number": 42, "message": "Domain not found: ..."}}}.
 * The code is the node's original {@link ErrorCode} name, the number libvirt's; the message is the node's, unchanged.
 */
public record WireError(String code, int number, String message) {

    /** The reply body for an error. */
    public record Reply(WireError error) {
    }

    public static WireError of(VirtException e) {
        return new WireError(e.code().name(), e.code().number(), e.getMessage());
    }

    /** The exception the caller sees: the node's code (by name, else by number) and its message. */
    public VirtException toException() {
        ErrorCode c;
        try {
            c = code == null ? ErrorCode.ofNumber(number) : ErrorCode.valueOf(code);
        } catch (IllegalArgumentException e) {
            c = ErrorCode.ofNumber(number);
        }
        return new VirtException(c, message == null ? c.summary() : message);
    }

    /** The HTTP status that goes with a code, for curl users; clients read the code from the body. */
    public static int httpStatus(ErrorCode code) {
        return switch (code) {
            case INVALID_ARG, XML_ERROR, RPC, INVALID_MAC, ARGUMENT_UNSUPPORTED, XML_INVALID_SCHEMA, CONFIG_UNSUPPORTED,
                    OVERFLOW -> 400;
            case AUTH_FAILED -> 401;
            case OPERATION_DENIED, ACCESS_DENIED -> 403;
            case NO_DOMAIN, NO_NETWORK, NO_STORAGE_POOL, NO_STORAGE_VOL, NO_NODE_DEVICE, NO_DOMAIN_METADATA,
                    DEVICE_MISSING, INVALID_CONN -> 404;
            case OPERATION_INVALID, DOM_EXIST, NETWORK_EXIST, STORAGE_VOL_EXIST, STORAGE_POOL_BUILT -> 409;
            case RESOURCE_BUSY -> 429;
            case NO_SUPPORT, OPERATION_UNSUPPORTED -> 501;
            case DRIVER_UNAVAILABLE, NO_CONNECT -> 503;
            case OPERATION_TIMEOUT -> 504;
            default -> 500;
        };
    }
}
