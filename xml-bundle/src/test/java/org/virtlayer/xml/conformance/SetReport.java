package org.virtlayer.xml.conformance;

import java.io.PrintStream;
import java.util.List;

/** The results of one set, printed as {@code conformance <set>: N passed, M failed} and then the failed names. */
record SetReport(String set, List<CaseResult> results) {
    long passed() {
        return results.stream().filter(CaseResult::passed).count();
    }

    long failed() {
        return results.size() - passed();
    }

    void print(PrintStream out) {
        StringBuilder sb = new StringBuilder();
        sb.append("conformance ").append(set).append(": ").append(passed()).append(" passed, ").append(failed())
                .append(" failed\n");
        for (CaseResult r : results) {
            if (!r.passed()) {
                sb.append("  failed ").append(set).append(' ').append(r.name()).append(": ").append(r.reason())
                        .append('\n');
            }
        }
        out.print(sb);
        out.flush();
    }
}
