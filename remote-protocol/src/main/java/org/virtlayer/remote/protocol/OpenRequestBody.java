package org.virtlayer.remote.protocol;

/** The body of {@code POST /v1/open}: the node's own URI (no transport, no host) and read-only or not. */
public record OpenRequestBody(String uri, boolean readOnly) {
}
