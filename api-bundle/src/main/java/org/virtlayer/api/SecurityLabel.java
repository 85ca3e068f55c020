package org.virtlayer.api;

/** A running domain's security label ({@code virDomainGetSecurityLabel}). */
public record SecurityLabel(String label, boolean enforcing) {
}
