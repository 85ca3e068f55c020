package org.virtlayer.xml.conformance;

import org.virtlayer.api.ErrorCode;
import org.virtlayer.api.VirtException;

/** How a case is judged: exact text equality, or a parse failure with XML_ERROR that names what is wrong. */
final class Comparison {
    private Comparison() {
    }

    interface Action {
        String run();
    }

    /** Passes when the action's output equals the expected text byte for byte. */
    static CaseResult expectOutput(String name, String expected, Action action) {
        String actual;
        try {
            actual = action.run();
        } catch (VirtException e) {
            return CaseResult.fail(name, "refused: " + e.code() + " " + e.getMessage());
        } catch (RuntimeException e) {
            return CaseResult.fail(name, "crashed: " + e);
        }
        if (actual.equals(expected)) {
            return CaseResult.pass(name);
        }
        return CaseResult.fail(name, firstDifference(expected, actual));
    }

    /** Passes when the action fails with XML_ERROR and a message that names an element or attribute. */
    static CaseResult expectXmlError(String name, Action action) {
        try {
            action.run();
            return CaseResult.fail(name, "accepted, libvirt refuses it");
        } catch (VirtException e) {
            if (e.code() != ErrorCode.XML_ERROR) {
                return CaseResult.fail(name, "refused with " + e.code() + " instead of XML_ERROR: " + e.getMessage());
            }
            if (e.getMessage() == null || e.getMessage().length() <= "XML error: ".length()) {
                return CaseResult.fail(name, "refused without saying what is wrong");
            }
            return CaseResult.pass(name);
        } catch (RuntimeException e) {
            return CaseResult.fail(name, "crashed: " + e);
        }
    }

    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.max(e.length, a.length); i++) {
            String el = i < e.length ? e[i] : "<end>";
            String al = i < a.length ? a[i] : "<end>";
            if (!el.equals(al)) {
                return "line " + (i + 1) + ": expected [" + el.strip() + "] got [" + al.strip() + "]";
            }
        }
        return "differs";
    }
}
