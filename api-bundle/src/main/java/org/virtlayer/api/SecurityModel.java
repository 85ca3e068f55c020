package org.virtlayer.api;

/** The node's security driver ({@code virNodeGetSecurityModel}); an empty model means none. */
public record SecurityModel(String model, String doi) {
    public static final SecurityModel NONE = new SecurityModel("", "");
}
