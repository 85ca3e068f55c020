package org.virtlayer.api;

/**
 * What went wrong, as a typed code. The numbers are libvirt's {@code virErrorNumber} values wherever libvirt has the
 * same error, so that a libvirt user recognises them and a remote peer can map them; virtlayer's own codes start at
 * 1000.
 */
public enum ErrorCode {
    INTERNAL_ERROR(1, "internal error"),
    NO_SUPPORT(3, "this function is not supported by the connection driver"),
    NO_CONNECT(5, "no connection driver available"),
    INVALID_CONN(6, "invalid connection pointer"),
    INVALID_DOMAIN(7, "invalid domain pointer"),
    INVALID_ARG(8, "invalid argument"),
    OPERATION_FAILED(9, "operation failed"),
    XML_ERROR(27, "XML error"),
    DOM_EXIST(28, "domain already exists"),
    OPERATION_DENIED(29, "operation forbidden for read only access"),
    OPEN_FAILED(30, "failed to open"),
    READ_FAILED(31, "failed to read"),
    WRITE_FAILED(34, "failed to write"),
    NETWORK_EXIST(37, "network already exists"),
    SYSTEM_ERROR(38, "system error"),
    RPC(39, "RPC error"),
    NO_DOMAIN(42, "domain not found"),
    NO_NETWORK(43, "network not found"),
    INVALID_MAC(44, "invalid MAC address"),
    AUTH_FAILED(45, "authentication failed"),
    NO_STORAGE_POOL(49, "storage pool not found"),
    NO_STORAGE_VOL(50, "storage volume not found"),
    NO_NODE_DEVICE(53, "node device not found"),
    OPERATION_INVALID(55, "Requested operation is not valid"),
    CONFIG_UNSUPPORTED(67, "unsupported configuration"),
    OPERATION_TIMEOUT(68, "Timed out during operation"),
    ARGUMENT_UNSUPPORTED(74, "argument unsupported"),
    STORAGE_POOL_BUILT(76, "storage pool already built"),
    OPERATION_ABORTED(78, "operation aborted"),
    NO_DOMAIN_METADATA(80, "metadata not found"),
    OVERFLOW(82, "numerical overflow"),
    OPERATION_UNSUPPORTED(84, "Operation not supported"),
    RESOURCE_BUSY(87, "resource busy"),
    ACCESS_DENIED(88, "access denied"),
    STORAGE_VOL_EXIST(90, "storage volume already exists"),
    XML_INVALID_SCHEMA(92, "XML document failed to validate against schema"),
    DEVICE_MISSING(99, "device not found"),
    NO_NETWORK_PORT(107, "network port not found"),
    /** No driver or backend installed now serves what was asked (a URI scheme, networks, a pool type). */
    DRIVER_UNAVAILABLE(1000, "driver unavailable");

    private final int number;
    private final String summary;

    ErrorCode(int number, String summary) {
        this.number = number;
        this.summary = summary;
    }

    /** libvirt's {@code virErrorNumber} for this code, or a number from 1000 up for virtlayer's own. */
    public int number() {
        return number;
    }

    /** The generic text libvirt prefixes its messages with, e.g. "Requested operation is not valid". */
    public String summary() {
        return summary;
    }

    /** The code with this number; {@link #INTERNAL_ERROR} for a number this version does not know. */
    public static ErrorCode ofNumber(int number) {
        for (ErrorCode c : values()) {
            if (c.number == number) {
                return c;
            }
        }
        return INTERNAL_ERROR;
    }
}
