package org.virtlayer.xml.conformance;

/** The outcome of one corpus case: passed, or failed with a one-line reason. */
record CaseResult(String name, boolean passed, String reason) {
    static CaseResult pass(String name) {
        return new CaseResult(name, true, null);
    }

    static CaseResult fail(String name, String reason) {
        return new CaseResult(name, false, reason);
    }
}
